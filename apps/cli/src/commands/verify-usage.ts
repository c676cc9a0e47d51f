/** Kept apart from the command, so that printing the usage loads no store or log library. */
export const VERIFY_USAGE =
  'verify --checkpoint <file> [--key <verifier key>] [--url <api> --token <jwt>]';
export const VERIFY_HELP = `check that a checkpoint you kept is signed by the key and is a prefix of
                  the log, rebuilding every leaf from the events and checking every issued
                  checkpoint: the log of $DATA_DIR (read-only), or a running server's feed
                  and proofs with --url and an auditor's or admin's --token. Without --key,
                  the key of $DATA_DIR or of GET /v1/log/key (pin the key you were given).
                  Prints { ok, treeSize, rootHash, checkpoints, problems } as JSON; exits 0
                  when everything verifies, 1 when not (the first problem names the first
                  leaf or checkpoint that does not; also \`unreachable\` and \`bad_response\`
                  when the server cannot be read), 2 for a bad argument, key or checkpoint
                  file, a data folder with no event log, or a token the server refuses`;
