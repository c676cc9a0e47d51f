/** Kept apart from the command, so that printing the usage loads no store or log library. */
export const VERIFY_USAGE =
  'verify --checkpoint <file> [--key <verifier key>] [--url <api> --token <jwt>]';
export const VERIFY_HELP = `check that a checkpoint you kept is signed by the key and a prefix of the
                  log, rebuilding every leaf and checking every issued checkpoint: the log of
                  $DATA_DIR (read-only), or with --url a server's feed and proofs (an
                  auditor's or admin's --token); without --key, the key of $DATA_DIR or of
                  GET /v1/log/key. Prints a JSON report; exits 0 when all verifies, 1 when not
                  (also when the server cannot be read: unreachable, bad_response), 2 for a
                  bad argument, key or checkpoint file, no event log, or a refused token`;
