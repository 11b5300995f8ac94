import { fileURLToPath } from 'node:url';

/** The project's own fixtures folder (copies of ../shared with their SOURCES notes). */
export const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));
