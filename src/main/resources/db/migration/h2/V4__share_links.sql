-- Share links (ShareLinks): one row per time-limited link made for sharing a file, so its
-- maker (and the file's owner) can list and revoke it. The link's token names the row's id; the
-- byte endpoint looks the row up on every request. Plain transfer URLs are not recorded.
-- Keep in step with ../postgresql/V4__share_links.sql. (V3 is left to another change.)

CREATE TABLE vos_share (
    id          VARCHAR(32) PRIMARY KEY,                        -- random, base64url
    node_id     BIGINT NOT NULL REFERENCES vos_node (id) ON DELETE CASCADE,
    node_path   VARCHAR(4000) NOT NULL,                         -- the path the link works at
    node_md5    VARCHAR(32),                                    -- the bytes it was made for
    created_by  VARCHAR(255) NOT NULL,
    created_at  TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    revoked_at  TIMESTAMP(3) WITH TIME ZONE
);

-- "my active links" (created_by = ? AND expires_at > ?) and "the links of this node"
CREATE INDEX vos_share_creator ON vos_share (created_by, expires_at);
CREATE INDEX vos_share_node ON vos_share (node_id);
