/** The enum values mirrored in src/kernel/discord-enums.ts are the library's own. */
import * as api from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import * as mirror from '../src/kernel/discord-enums.js';

describe('mirrored discord-api-types enums', () => {
  it('every mirrored value equals the library value of the same name', () => {
    for (const [enumName, members] of Object.entries(mirror)) {
      const library = (api as unknown as Record<string, Record<string, number>>)[enumName];
      expect(library, enumName).toBeDefined();
      for (const [member, value] of Object.entries(members))
        expect(value, `${enumName}.${member}`).toBe(library![member]);
    }
  });
});
