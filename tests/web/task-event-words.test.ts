// A task's history read as sentences: every note Siaga writes in the log (the exact texts of the
// SQL and planning code) comes out in Indonesian or English; a person's own note stays as written.
import { describe, expect, it } from 'vitest';
import { taskEventActor, taskEventNote, taskEventSentence } from '../../src/web/task-event-words.ts';
import { capLevels, stateWord } from '../../src/web/state-words.ts';

const NOTES: [string, string, string][] = [
  ['planned from message 6', 'Direncanakan dari pesan peringatan 6.', 'Planned from warning message 6.'],
  ['changed by message 7', 'Diubah oleh pesan peringatan 7.', 'Changed by warning message 7.'],
  [
    'the village is inside the warning area again (message 8)',
    'Desa kembali berada di wilayah peringatan (pesan 8).',
    'The village is inside the warning area again (message 8).',
  ],
  [
    'the village left the warning area (message 9)',
    'Desa tidak lagi berada di wilayah peringatan (pesan 9).',
    'The village left the warning area (message 9).',
  ],
  ['the warning was cancelled (message 10)', 'Peringatan dibatalkan (pesan 10).', 'The warning was cancelled (message 10).'],
  ['the warning was cancelled', 'Peringatan dibatalkan.', 'The warning was cancelled.'],
  ['the warning expired', 'Peringatan telah berakhir.', 'The warning expired.'],
  [
    'worked together with 2 neighbouring village task(s) as cluster 4',
    'Dikerjakan bersama 2 tugas desa tetangga sebagai klaster 4.',
    'Worked together with 2 neighbouring village task(s) as cluster 4.',
  ],
  ['cluster 4 dissolved', 'Klaster 4 dibubarkan.', 'Cluster 4 dissolved.'],
  ['the household answered need_help', 'Rumah ini menjawab: perlu bantuan.', 'The household answered: need help.'],
  [
    'no delivery reached this vulnerable household in time',
    'Tidak ada kiriman yang sampai ke rumah rentan ini tepat waktu.',
    'No delivery reached this vulnerable household in time.',
  ],
  [
    'level 1: team tagana-12.07 has no active coordinator',
    'Tingkat 1: tim tagana-12.07 tidak punya koordinator aktif.',
    'Level 1: team tagana-12.07 has no active coordinator.',
  ],
  [
    'level 1: to coordinator ds-001 Rina Siregar (+6284000001001)',
    'Tingkat 1: diteruskan ke koordinator ds-001 Rina Siregar (+6284000001001).',
    'Level 1: passed to coordinator ds-001 Rina Siregar (+6284000001001).',
  ],
  [
    'level 2: no other team covers province 12',
    'Tingkat 2: tidak ada tim lain di provinsi 12.',
    'Level 2: no other team covers province 12.',
  ],
  [
    'level 2: to province team tagana-12 (Tagana Sumatera Utara)',
    'Tingkat 2: diteruskan ke tim provinsi tagana-12 (Tagana Sumatera Utara).',
    'Level 2: passed to province team tagana-12 (Tagana Sumatera Utara).',
  ],
];

describe('task history words', () => {
  it.each(NOTES)('reads the note "%s" in both languages', (note, id, en) => {
    expect(taskEventNote(note, 'id')).toBe(id);
    expect(taskEventNote(note, 'en')).toBe(en);
  });

  it('writes the time a note carries as the page writes times', () => {
    expect(taskEventNote('the warning expired at 2026-12-01T10:00:00.000Z', 'id', () => '1 Des 2026, 17.00 WIB')).toBe(
      'Peringatan berakhir pada 1 Des 2026, 17.00 WIB.',
    );
  });

  it('keeps a note written by a person as it is, and shows none as empty', () => {
    expect(taskEventNote('jalan ke dusun 3 terputus', 'id')).toBe('jalan ke dusun 3 terputus');
    expect(taskEventNote(null, 'id')).toBe('');
  });

  it('says what happened with the states in words', () => {
    expect(taskEventSentence({ action: 'created', from_state: null, to_state: 'open' }, 'id')).toBe('Tugas dibuat, kini terbuka.');
    expect(taskEventSentence({ action: 'acknowledged', from_state: 'open', to_state: 'acknowledged' }, 'id')).toBe(
      'Tugas diakui; tadinya terbuka.',
    );
    expect(taskEventSentence({ action: 'stood_down', from_state: 'in_progress', to_state: 'stood_down' }, 'en')).toBe(
      'Task stood down; it was in progress.',
    );
    // An action the catalogue does not know yet is named, not dropped.
    expect(taskEventSentence({ action: 'merged', from_state: 'open', to_state: 'open' }, 'id')).toBe('Tugas: merged; kini terbuka.');
    expect(taskEventActor('system', 'id')).toBe('Siaga (otomatis)');
    expect(taskEventActor('tagana-12.07/ds-002', 'id')).toBe('tagana-12.07/ds-002');
  });

  it('names states, levels and outcomes from the catalogue, and shows an unknown value as stored', () => {
    expect(stateWord('alert.state', 'active', 'id')).toBe('berlaku');
    expect(stateWord('fetch.outcome', 'error', 'id')).toBe('galat');
    expect(stateWord('intake.outcome', 'wrong_sender', 'en')).toBe('sender not allowed for the token');
    expect(stateWord('fetch.outcome', 'teleported', 'id')).toBe('teleported');
    expect(stateWord('cap.severity', null, 'id')).toBe('—');
    expect(capLevels({ severity: 'Severe', urgency: 'Immediate', certainty: 'Likely' }, 'id')).toBe('Berbahaya, Segera, Mungkin terjadi');
  });
});
