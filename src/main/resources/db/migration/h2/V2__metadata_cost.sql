-- Metadata counts against quotas (NodeCost): meta_length is the cost of a node and everything
-- below it: 1024 bytes per node plus the UTF-8 bytes of its group lists, link target and
-- properties. Quota usage of a container = content_length + meta_length.
-- Keep in step with the other database's V2 and with NodeCost.java.

CREATE TABLE vos_node_cost AS
SELECT n.id, 1024
       + COALESCE(OCTET_LENGTH(n.group_read), 0) + COALESCE(OCTET_LENGTH(n.group_write), 0)
       + COALESCE(OCTET_LENGTH(n.link_target), 0)
       + COALESCE((SELECT SUM(OCTET_LENGTH(p.uri) + OCTET_LENGTH(p.prop_value))
                   FROM vos_node_prop p WHERE p.node_id = n.id), 0) AS cost
FROM vos_node n;

-- every (ancestor, descendant-or-self) pair, summed per ancestor
CREATE TABLE vos_node_meta AS
WITH RECURSIVE tree (anc, id) AS (
    SELECT id, id FROM vos_node
    UNION ALL
    SELECT tree.anc, n.id FROM tree JOIN vos_node n ON n.parent_id = tree.id
)
SELECT tree.anc, SUM(c.cost) AS meta FROM tree JOIN vos_node_cost c ON c.id = tree.id GROUP BY tree.anc;

ALTER TABLE vos_node ADD COLUMN meta_length BIGINT NOT NULL DEFAULT 0;
UPDATE vos_node SET meta_length = (SELECT m.meta FROM vos_node_meta m WHERE m.anc = vos_node.id);

DROP TABLE vos_node_meta;
DROP TABLE vos_node_cost;
