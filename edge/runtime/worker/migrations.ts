// The drizzle-kit migrations as modules, for Durable Objects (which cannot read files): the .sql files are bundled as text.
import journal from '../../db/migrations/meta/_journal.json';
import m0000 from '../../db/migrations/0000_init.sql';
import m0001 from '../../db/migrations/0001_context_in.sql';
import m0002 from '../../db/migrations/0002_risk_rules_actions.sql';

/*
 * A migration drizzle-kit adds shows up in the journal at once; until its file is imported here, the migrator
 * throws "Missing migration" on the object's first request, and the worker tests fail with it.
 */
export const MIGRATIONS = { journal, migrations: { m0000, m0001, m0002 } as Record<string, string> };
