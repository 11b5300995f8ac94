// The words Tagana members read: one task, or several of one warning most urgent first; door
// knocks, escalations and stand-downs in Indonesian; plain GSM-7 and at most three SMS segments.
import { describe, expect, it } from 'vitest';
import type { TaskNoticeSource } from '../../src/db/tagana-notice-sources.ts';
import { analyseSms } from '../../src/delivery/sms/sms-encoding.ts';
import { taskDigestText, taskNoticeSms } from '../../src/tagana/task-notice-text.ts';

const BASE = 'https://siaga.example.id';

function source(id: number, over: Partial<TaskNoticeSource> = {}): TaskNoticeSource {
  return {
    event_id: String(100 + id),
    action: 'created',
    escalation_level: null,
    task_id: String(id),
    kind: 'village',
    reason: null,
    household_id: null,
    village_code: `12.07.03.20${String(id).padStart(2, '0')}`,
    village_name: `Desa Nomor ${id}`,
    team_code: 'tagana-12.07.03',
    team_name: 'Tagana Kecamatan Sibolangit',
    priority: 4800 + id,
    households: 40 + id,
    people: 150 + id,
    vulnerable_households: 5,
    vulnerable: 7 + id,
    opened_at: new Date('2026-11-28T03:00:00Z'),
    hazard_event: 'Hujan Lebat dan Petir',
    severity: 'Severe',
    note: 'planned from message 1',
    ...over,
  };
}

describe('Tagana notice texts', () => {
  it('one new task: what, where, how many, and the link to the task', () => {
    const text = taskDigestText([source(7)], BASE);
    expect(text?.title).toBe('TAGANA: tugas baru #7 (prioritas 4807)');
    expect(text?.body).toBe(
      'Hujan Lebat dan Petir (Severe) di Desa Desa Nomor 7 (12.07.03.2007): 47 KK, 157 jiwa, 5 KK rentan (14 orang). Terima tugas di https://siaga.example.id/team/tasks/7',
    );
  });

  it('several new tasks: the count, the three most urgent in the order given, the rest counted, the board', () => {
    const text = taskDigestText(
      [9, 8, 7, 6, 5].map((i) => source(i)),
      BASE,
    );
    expect(text?.title).toBe('TAGANA: 5 tugas baru, Hujan Lebat dan Petir (Severe)');
    expect(text?.body).toBe(
      'Paling mendesak: #9 Desa Nomor 9 (16 rentan); #8 Desa Nomor 8 (15 rentan); #7 Desa Nomor 7 (14 rentan); +2 lagi. Terima tugas di https://siaga.example.id/team/tasks',
    );
  });

  it('a door knock says which household and why', () => {
    const knock = source(3, { kind: 'door_knock', reason: 'need_help', household_id: 'HH-0042', vulnerable: 2 });
    expect(taskDigestText([knock], BASE)?.body).toMatch(
      /^Ketuk pintu rumah tangga HH-0042 di Desa Desa Nomor 3 \(12\.07\.03\.2003\): minta bantuan, 2 orang rentan\./,
    );
    const unreached = source(4, { kind: 'door_knock', reason: 'not_reached', household_id: 'HH-0043' });
    expect(taskDigestText([unreached], BASE)?.body).toContain('belum menerima peringatan');
  });

  it("escalations name the level, the teams and since when in the village's own time zone", () => {
    const l1 = taskDigestText([source(2, { action: 'escalated', escalation_level: 1 })], BASE);
    expect(l1?.title).toBe('TAGANA ESKALASI: tugas #2 (prioritas 4802)');
    expect(l1?.body).toMatch(/^Tugas tim Tagana Kecamatan Sibolangit belum diterima sejak 10\.00 WIB\./);
    const l2 = taskDigestText(
      [
        source(2, { action: 'escalated', escalation_level: 2 }),
        source(1, { action: 'escalated', escalation_level: 2, team_name: 'Tagana Kabupaten Deli Serdang' }),
      ],
      BASE,
    );
    expect(l2?.title).toBe('TAGANA ESKALASI PROVINSI: 2 tugas belum diterima');
    expect(l2?.body).toMatch(/^Tim Tagana Kecamatan Sibolangit, Tagana Kabupaten Deli Serdang sejak 10\.00 WIB: #2/);
    // A village in Sulawesi reads its own zone.
    expect(taskDigestText([source(2, { action: 'escalated', escalation_level: 1, village_code: '73.71.01.1001' })], BASE)?.body).toContain(
      'sejak 11.00 WITA',
    );
  });

  it('stand-downs say why in Indonesian', () => {
    expect(taskDigestText([source(1, { action: 'stood_down', note: 'the warning was cancelled (message 9)' })], BASE)?.body).toContain(
      'peringatan dibatalkan',
    );
    expect(
      taskDigestText([source(1, { action: 'stood_down', note: 'the village left the warning area (message 9)' })], BASE)?.body,
    ).toContain('desa tidak lagi berada di wilayah peringatan');
    expect(
      taskDigestText([source(1, { action: 'stood_down', note: 'the warning expired at …' }), source(2, { action: 'stood_down' })], BASE)
        ?.body,
    ).toBe('Tidak perlu dilanjutkan (peringatan telah berakhir): #1 Desa Nomor 1; #2 Desa Nomor 2.');
  });

  it('every notice is plain GSM-7 in at most three segments, even with long village names', () => {
    const long = 'Desa Sangat Panjang Namanya Sekali Di Lereng Gunung Sibayak';
    const all = [
      taskDigestText(
        [9, 8, 7, 6].map((i) => source(i, { village_name: long })),
        BASE,
      ),
      taskDigestText([source(1, { village_name: long, action: 'escalated', escalation_level: 2 })], BASE),
      taskDigestText([source(1, { village_name: long, kind: 'door_knock', reason: 'need_help', household_id: 'HH-1' })], BASE),
    ];
    for (const text of all) {
      const sms = analyseSms(taskNoticeSms(text ?? { title: '', body: '', url: '' }));
      expect(sms.encoding).toBe('gsm7');
      expect(sms.segments).toBeLessThanOrEqual(3);
    }
    expect(taskDigestText([], BASE)).toBeUndefined();
  });
});
