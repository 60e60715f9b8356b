-- The listing's "name" order as a file manager shows it: folders first, then the rest, each
-- case-insensitively (ChildQuery.SortKey.FOLDERS_FIRST). sort_name is written by
-- JdbcNodeStore.sortName ('0' for a folder, else '1', then the name in lower case) on every
-- create and rename; here it is filled in for the nodes that exist (lower() of a "C" collated
-- name folds ASCII letters only: such older names with other capitals sort by those until they
-- are renamed). Keep in step with the other database's V5.

ALTER TABLE vos_node ADD COLUMN sort_name VARCHAR(1024) COLLATE "C" NOT NULL DEFAULT '';
UPDATE vos_node SET sort_name = CASE WHEN node_type = 'C' THEN '0' ELSE '1' END || lower(name) WHERE parent_id IS NOT NULL;
CREATE INDEX vos_node_parent_sort_name ON vos_node (parent_id, sort_name, name);
