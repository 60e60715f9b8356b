-- Metadata search (NodeSearch, GET /vault/search). Keep in step with ../h2/V6__search.sql
-- and with JdbcNodeStore (treePath, valueKey, numberOf), which write these columns on every
-- create, move and property change.
--
-- tree_path: the ids from the root down to the node itself, '/1/5/77/'. A folder's subtree is
-- the index range tree_path > '/1/5/' AND tree_path < '/1/50' ('0' follows '/'; COLLATE "C" so
-- the range is bytewise), whatever the names; a rename leaves it alone, a move rewrites the moved
-- subtree's range. At most 65 levels of 20 characters: well inside PostgreSQL's index key limit
-- (about 2,700 bytes; a path of names, up to 64 x 255 bytes, would not be).
ALTER TABLE vos_node ADD COLUMN tree_path VARCHAR(2000) COLLATE "C";

CREATE TABLE vos_node_tree AS
WITH RECURSIVE t (id, p) AS (
    SELECT id, CAST('/' || id::text || '/' AS VARCHAR(2000)) FROM vos_node WHERE parent_id IS NULL
    UNION ALL
    SELECT n.id, CAST(t.p || n.id::text || '/' AS VARCHAR(2000)) FROM t JOIN vos_node n ON n.parent_id = t.id
)
SELECT id, p FROM t;
CREATE UNIQUE INDEX vos_node_tree_id ON vos_node_tree (id);
UPDATE vos_node SET tree_path = (SELECT t.p FROM vos_node_tree t WHERE t.id = vos_node.id);
DROP TABLE vos_node_tree;
ALTER TABLE vos_node ALTER COLUMN tree_path SET NOT NULL;
CREATE UNIQUE INDEX vos_node_tree_path ON vos_node (tree_path);

-- value_key: the first 256 characters of the value (what the (uri, value) index holds; a longer
-- value is compared in full after the index found it). num_value: the value as a number when the
-- whole value is one (JdbcNodeStore.numberOf: [+-]digits[.digits][e[+-]dd], at most 40
-- characters), else NULL; numeric comparisons use it.
ALTER TABLE vos_node_prop ADD COLUMN value_key VARCHAR(256) COLLATE "C";
ALTER TABLE vos_node_prop ADD COLUMN num_value DOUBLE PRECISION;
UPDATE vos_node_prop SET value_key = substr(prop_value, 1, 256);
UPDATE vos_node_prop SET num_value = CAST(prop_value AS DOUBLE PRECISION)
    WHERE char_length(prop_value) <= 40
      AND prop_value ~ '^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]{1,2})?$';
ALTER TABLE vos_node_prop ALTER COLUMN value_key SET NOT NULL;
CREATE INDEX vos_node_prop_value ON vos_node_prop (uri, value_key);
CREATE INDEX vos_node_prop_number ON vos_node_prop (uri, num_value);
