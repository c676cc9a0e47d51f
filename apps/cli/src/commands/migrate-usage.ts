/** Kept apart from the command, so that printing the usage loads no store client. */
export const MIGRATE_USAGE = 'migrate --from <log> --to <log>';
export const MIGRATE_HELP = `copy a whole event log into another, keeping order, event ids,
                  metadata, hashes and recorded times; <log> is sqlite:<file> or an
                  esdb:// or esdb+discover:// connection string; an interrupted copy
                  resumes when run again`;
