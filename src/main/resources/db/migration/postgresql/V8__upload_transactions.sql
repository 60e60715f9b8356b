-- Open PUT transactions (x-put-txn-id) live here, not in one instance's memory, so a segmented
-- upload begun on one instance goes on, is reverted, committed or aborted on any other sharing
-- this database and the blob store. Keep in step with ../h2/V8__upload_transactions.sql.

CREATE TABLE vos_upload_txn (
    id           VARCHAR(32) PRIMARY KEY,          -- random hex, the x-put-txn-id
    owner_key    VARCHAR(255) NOT NULL,            -- who opened it
    node_path    TEXT NOT NULL,          -- the node it will become
    total_length BIGINT NOT NULL,                  -- x-total-length, -1 when not declared
    received     BIGINT NOT NULL,                  -- bytes so far (HEAD answers from the row)
    md5_hex      VARCHAR(32) NOT NULL,             -- their MD5
    put_state    TEXT NOT NULL,          -- BlobPut.suspend(): what BlobStore.resume goes on from
    version      INTEGER NOT NULL,                 -- one more with every append, revert
    touched_at   TIMESTAMP(3) WITH TIME ZONE NOT NULL
);

CREATE INDEX vos_upload_txn_owner ON vos_upload_txn (owner_key);
CREATE INDEX vos_upload_txn_touched ON vos_upload_txn (touched_at);
