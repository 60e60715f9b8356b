-- A folder's number of children, kept with the tree (NodeWrites: +1 on insert, -1 on delete, and
-- on a move from the old parent to the new one, under the locks those writes hold anyway), so a
-- listing's core#childCount is one column read, not a COUNT(*) over the folder: that count grew
-- with the folder and made the first page of 100,000 children 1.6x that of 100. TreeCheck
-- verifies it. Keep in step with the other database's V9.

ALTER TABLE vos_node ADD COLUMN child_count BIGINT NOT NULL DEFAULT 0;
UPDATE vos_node SET child_count = (SELECT COUNT(*) FROM vos_node c WHERE c.parent_id = vos_node.id);
