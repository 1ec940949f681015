// drizzle-kit configuration: `npm run db:generate` writes SQL migrations for the edge schema into edge/db/migrations.
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './edge/db/schema.ts',
  out: './edge/db/migrations',
  strict: true,
  verbose: true,
});
