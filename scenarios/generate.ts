// Writes a realistic, national-scale rota file (seeded, deterministic): the generator in
// scripts/generate-rota.ts, under the name the benchmark issue gives it.
//
//   npx tsx scenarios/generate.ts --workers 1000 --weeks 52 --seed 1 [--no-oppdrag] > x.json
//     [--start 2025-01-06] [--format json|yaml]
import { main } from '../scripts/generate-rota.ts';

process.exitCode = main(process.argv.slice(2));
