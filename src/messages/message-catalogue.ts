// Siaga's one message catalogue: every sentence a person may read from the API, a form or a page,
// Indonesian first, English second, under a stable key. The API answers the key with the English
// text (clients that read it program against the key); pages and forms show the reader's language.
// Placeholders are written `{name}` and filled by `say` (src/messages/say.ts).
//
// Started with the error pages, the registration form's field errors and the words of the
// warning lists; the older per-page word lists (src/web/words-*.ts) move here as they are touched.

interface Message {
  id: string;
  en: string;
}

export const MESSAGES = {
  // Error pages for browsers (an unknown address, a method a page does not take, a failure).
  'page.notFound.title': { id: 'Halaman tidak ditemukan', en: 'Page not found' },
  'page.notFound.text': {
    id: 'Alamat ini tidak ada di Siaga. Periksa kembali alamatnya, atau kembali ke beranda.',
    en: 'This address does not exist on Siaga. Check the address, or go back to the home page.',
  },
  'page.badRequest.title': { id: 'Permintaan tidak dapat dibaca', en: 'The request could not be read' },
  'page.badRequest.text': {
    id: 'Alamat atau isian yang dikirim tidak sesuai. Kembali ke halaman sebelumnya dan coba lagi.',
    en: 'The address or the form that was sent is not right. Go back and try again.',
  },
  'page.forbidden.title': { id: 'Tidak diizinkan', en: 'Not allowed' },
  'page.forbidden.text': {
    id: 'Permintaan ini ditolak. Buka halaman dari Siaga sendiri lalu coba lagi.',
    en: 'This request was refused. Open the page from Siaga itself and try again.',
  },
  'page.methodNotAllowed.title': { id: 'Cara membuka halaman ini tidak didukung', en: 'This page cannot be opened this way' },
  'page.methodNotAllowed.text': {
    id: 'Halaman ini tidak menerima permintaan semacam ini. Buka dari tautan atau tombol di Siaga.',
    en: 'This page does not take this kind of request. Open it from a link or button on Siaga.',
  },
  'page.tooLarge.title': { id: 'Kiriman terlalu besar', en: 'Too much was sent' },
  'page.tooLarge.text': { id: 'Isian yang dikirim terlalu besar untuk diterima.', en: 'What was sent is too large to accept.' },
  'page.tooMany.title': { id: 'Terlalu banyak permintaan', en: 'Too many requests' },
  'page.tooMany.text': { id: 'Tunggu sebentar lalu coba lagi.', en: 'Wait a moment and try again.' },
  'page.serverError.title': { id: 'Terjadi kesalahan di Siaga', en: 'Something went wrong in Siaga' },
  'page.serverError.text': {
    id: 'Permintaan Anda tidak dapat diselesaikan. Kesalahan ini sudah dicatat. Coba lagi sebentar lagi; dalam keadaan darurat hubungi 112.',
    en: 'Your request could not be completed. The error has been logged. Try again shortly; in an emergency call 112.',
  },
  'page.errorCode': { id: 'Kode kesalahan: {status}', en: 'Error code: {status}' },
  'page.technicalDetail': { id: 'Rincian teknis', en: 'Technical detail' },
  'page.backHome': { id: 'Kembali ke beranda', en: 'Back to the home page' },

  // The registration form (and a change of my household): one message per field, shown next to it.
  'register.invalid': { id: 'Periksa isian yang ditandai.', en: 'Check the fields marked.' },
  'register.location.missing': {
    id: 'Tandai letak rumah di peta, atau isi lintang dan bujur.',
    en: 'Place the house on the map, or fill in latitude and longitude.',
  },
  'register.location.outsideIndonesia': {
    id: 'Titik ini di luar Indonesia. Periksa lintang dan bujur.',
    en: 'This point is outside Indonesia. Check the latitude and longitude.',
  },
  'register.location.notCovered': {
    id: 'Titik ini ({lat}, {lon}) tidak berada di desa yang dilayani Siaga. Pilih letak rumah di dalam wilayah yang dilayani.',
    en: 'This point ({lat}, {lon}) is not in any village Siaga covers. Place the house inside the area Siaga serves.',
  },
  'register.members.missing': {
    id: 'Isi jumlah penghuni rumah, paling sedikit 1 orang.',
    en: 'Fill in how many people live in the house, at least 1.',
  },
  'register.members.tooFew': { id: 'Jumlah penghuni paling sedikit 1 orang.', en: 'At least 1 person must live in the house.' },
  'register.members.tooMany': { id: 'Jumlah penghuni paling banyak {max} orang.', en: 'At most {max} people per house.' },
  'register.count.notWhole': { id: 'Isi dengan bilangan bulat, misalnya 2.', en: 'Use a whole number, such as 2.' },
  'register.count.outOfRange': { id: 'Isi angka dari 0 sampai {max}.', en: 'Use a number from 0 to {max}.' },
  'register.language.invalid': { id: 'Pilih Bahasa Indonesia atau English.', en: 'Choose Bahasa Indonesia or English.' },
  'register.phone.unusable': {
    id: 'Nomor ponsel ini tidak dapat dibaca. Tulis seperti 081234567890 atau +6281234567890, atau kosongkan untuk menerima peringatan lewat notifikasi dan kunjungan petugas saja.',
    en: 'This phone number cannot be read. Write it like 081234567890 or +6281234567890, or leave it empty to be warned by notification and the door knock only.',
  },
  'register.consent.missing': {
    id: 'Centang persetujuan: tanpa itu Siaga tidak boleh menyimpan data rumah dan mengirim peringatan.',
    en: 'Tick the consent: without it Siaga may not store the household or send warnings.',
  },
  'register.field.unknown': { id: 'Isian tidak dikenal: {name}.', en: 'Unknown field: {name}.' },
  'register.field.invalid': { id: 'Isian ini tidak sesuai.', en: 'This field is not valid.' },

  // Where a warning is, in lists that must tell warnings apart.
  'alerts.yourArea': { id: 'Wilayah Anda', en: 'Your area' },
  'place.district': { id: 'Kec. {name}', en: 'Kec. {name}' },
  'place.andMore': { id: '{names} dan {more} lainnya', en: '{names} and {more} more' },

  // Where a delivery to a household stands, on the household's own page.
  'delivery.state.queued': { id: 'menunggu dikirim', en: 'waiting to be sent' },
  'delivery.state.sending': { id: 'sedang dikirim', en: 'being sent' },
  'delivery.state.sent': { id: 'terkirim', en: 'sent' },
  'delivery.state.delivered': { id: 'sampai di ponsel', en: 'reached the phone' },
  'delivery.state.acknowledged': { id: 'sudah dijawab', en: 'answered' },
  'delivery.state.failed': { id: 'gagal terkirim', en: 'could not be sent' },
  'delivery.state.expired': { id: 'tidak terkirim sebelum berakhir', en: 'not sent before it ended' },

  // The Tagana team's pages.
  'team.boardTitle': { id: 'Tugas tim: {team}', en: 'Team tasks: {team}' },
  'team.summary': { id: 'Ringkasan', en: 'Summary' },
  'team.summary.open': { id: 'Tugas terbuka', en: 'Open tasks' },
  'team.summary.urgent': { id: 'Mendesak', en: 'Urgent' },
  'team.summary.vulnerable': { id: 'Orang rentan', en: 'Vulnerable people' },
  'team.summary.unreached': { id: 'Rumah rentan belum terjangkau peringatan', en: 'Vulnerable households the warning has not reached' },
  'team.phone': { id: 'Ponsel', en: 'Phone' },
  'team.warned': { id: 'Peringatan', en: 'Warning' },
  'team.reached': { id: 'sampai', en: 'reached' },
  'team.notReached': { id: 'belum sampai', en: 'not reached' },
  'team.notPlanned': { id: 'tidak dikirim (tanpa notifikasi atau SMS)', en: 'not sent (no notification or SMS)' },
  'team.actor.system': { id: 'Siaga (otomatis)', en: 'Siaga (automatic)' },

  // A task's history as sentences: what happened ({from} and {to} are task states below), then
  // why, from the notes Siaga writes in the log (src/web/task-event-words.ts reads them).
  'task.event.created': { id: 'Tugas dibuat, kini {to}.', en: 'Task created, now {to}.' },
  'task.event.updated': { id: 'Tugas diperbarui, kini {to}.', en: 'Task updated, now {to}.' },
  'task.event.reopened': { id: 'Tugas dibuka lagi: tadinya {from}, kini {to}.', en: 'Task reopened: it was {from}, now {to}.' },
  'task.event.escalated': { id: 'Tugas dieskalasi: belum diakui tepat waktu.', en: 'Task escalated: not acknowledged in time.' },
  'task.event.stood_down': { id: 'Tugas dibatalkan; tadinya {from}.', en: 'Task stood down; it was {from}.' },
  'task.event.acknowledged': { id: 'Tugas diakui; tadinya {from}.', en: 'Task acknowledged; it was {from}.' },
  'task.event.started': { id: 'Tugas mulai dikerjakan; tadinya {from}.', en: 'Work on the task started; it was {from}.' },
  'task.event.done': { id: 'Tugas selesai; tadinya {from}.', en: 'Task done; it was {from}.' },
  'task.event.clustered': { id: 'Tugas digabung dalam klaster, tetap {to}.', en: 'Task joined a cluster, still {to}.' },
  'task.event.unclustered': { id: 'Klaster tugas dibubarkan, tetap {to}.', en: 'The task’s cluster was dissolved, still {to}.' },
  'task.event.other': { id: 'Tugas: {action}; kini {to}.', en: 'Task: {action}; now {to}.' },
  'task.note.planned': { id: 'Direncanakan dari pesan peringatan {message}.', en: 'Planned from warning message {message}.' },
  'task.note.changed': { id: 'Diubah oleh pesan peringatan {message}.', en: 'Changed by warning message {message}.' },
  'task.note.backInArea': {
    id: 'Desa kembali berada di wilayah peringatan (pesan {message}).',
    en: 'The village is inside the warning area again (message {message}).',
  },
  'task.note.leftArea': {
    id: 'Desa tidak lagi berada di wilayah peringatan (pesan {message}).',
    en: 'The village left the warning area (message {message}).',
  },
  'task.note.cancelled': { id: 'Peringatan dibatalkan.', en: 'The warning was cancelled.' },
  'task.note.cancelledBy': { id: 'Peringatan dibatalkan (pesan {message}).', en: 'The warning was cancelled (message {message}).' },
  'task.note.expired': { id: 'Peringatan telah berakhir.', en: 'The warning expired.' },
  'task.note.expiredAt': { id: 'Peringatan berakhir pada {at}.', en: 'The warning expired at {at}.' },
  'task.note.clustered': {
    id: 'Dikerjakan bersama {n} tugas desa tetangga sebagai klaster {cluster}.',
    en: 'Worked together with {n} neighbouring village task(s) as cluster {cluster}.',
  },
  'task.note.unclustered': { id: 'Klaster {cluster} dibubarkan.', en: 'Cluster {cluster} dissolved.' },
  'task.note.needHelp': { id: 'Rumah ini menjawab: perlu bantuan.', en: 'The household answered: need help.' },
  'task.note.notReached': {
    id: 'Tidak ada kiriman yang sampai ke rumah rentan ini tepat waktu.',
    en: 'No delivery reached this vulnerable household in time.',
  },
  'task.note.noCoordinator': {
    id: 'Tingkat 1: tim {team} tidak punya koordinator aktif.',
    en: 'Level 1: team {team} has no active coordinator.',
  },
  'task.note.toCoordinator': { id: 'Tingkat 1: diteruskan ke koordinator {who}.', en: 'Level 1: passed to coordinator {who}.' },
  'task.note.noProvinceTeam': {
    id: 'Tingkat 2: tidak ada tim lain di provinsi {province}.',
    en: 'Level 2: no other team covers province {province}.',
  },
  'task.note.toProvinceTeam': { id: 'Tingkat 2: diteruskan ke tim provinsi {who}.', en: 'Level 2: passed to province team {who}.' },

  // Every state, level and outcome word the pages show (src/web/state-words.ts looks them up; a
  // value with no entry is shown as stored, so a new one is visible rather than blank).
  'task.state.open': { id: 'terbuka', en: 'open' },
  'task.state.acknowledged': { id: 'diakui', en: 'acknowledged' },
  'task.state.in_progress': { id: 'dikerjakan', en: 'in progress' },
  'task.state.done': { id: 'selesai', en: 'done' },
  'task.state.stood_down': { id: 'dibatalkan', en: 'stood down' },
  'alert.state.active': { id: 'berlaku', en: 'in force' },
  'alert.state.expired': { id: 'berakhir', en: 'ended' },
  'alert.state.cancelled': { id: 'dibatalkan', en: 'cancelled' },
  'alert.state.superseded': { id: 'diperbarui', en: 'updated' },
  'alert.msgType.Alert': { id: 'Peringatan', en: 'Warning' },
  'alert.msgType.Update': { id: 'Pembaruan', en: 'Update' },
  'alert.msgType.Cancel': { id: 'Pembatalan', en: 'Cancellation' },
  'alert.msgType.Ack': { id: 'Tanda terima', en: 'Acknowledgement' },
  'alert.msgType.Error': { id: 'Ralat', en: 'Error notice' },
  'alert.status.Actual': { id: 'sungguhan', en: 'actual' },
  'alert.status.Exercise': { id: 'latihan', en: 'exercise' },
  'alert.status.System': { id: 'pesan sistem', en: 'system message' },
  'alert.status.Test': { id: 'uji coba', en: 'test' },
  'alert.status.Draft': { id: 'draf', en: 'draft' },
  'cap.severity.Extreme': { id: 'Sangat berbahaya', en: 'Extreme' },
  'cap.severity.Severe': { id: 'Berbahaya', en: 'Severe' },
  'cap.severity.Moderate': { id: 'Sedang', en: 'Moderate' },
  'cap.severity.Minor': { id: 'Ringan', en: 'Minor' },
  'cap.severity.Unknown': { id: 'Tidak diketahui', en: 'Unknown' },
  'cap.urgency.Immediate': { id: 'Segera', en: 'Immediate' },
  'cap.urgency.Expected': { id: 'Segera terjadi', en: 'Expected' },
  'cap.urgency.Future': { id: 'Akan datang', en: 'Future' },
  'cap.urgency.Past': { id: 'Sudah lewat', en: 'Past' },
  'cap.urgency.Unknown': { id: 'Tidak diketahui', en: 'Unknown' },
  'cap.certainty.Observed': { id: 'Teramati', en: 'Observed' },
  'cap.certainty.Likely': { id: 'Mungkin terjadi', en: 'Likely' },
  'cap.certainty.Possible': { id: 'Bisa terjadi', en: 'Possible' },
  'cap.certainty.Unlikely': { id: 'Kecil kemungkinan', en: 'Unlikely' },
  'cap.certainty.Unknown': { id: 'Tidak diketahui', en: 'Unknown' },
  'fetch.outcome.new': { id: 'baru', en: 'new' },
  'fetch.outcome.changed': { id: 'berubah', en: 'changed' },
  'fetch.outcome.not_modified': { id: 'tidak diubah (304)', en: 'not modified (304)' },
  'fetch.outcome.unchanged': { id: 'sama', en: 'unchanged' },
  'fetch.outcome.error': { id: 'galat', en: 'error' },
  'fetch.outcome.alarm': { id: 'alarm waktu', en: 'time alarm' },
  'fetch.backfill': { id: 'isi ulang', en: 'backfill' },
  'intake.outcome.new': { id: 'disimpan (baru)', en: 'stored (new)' },
  'intake.outcome.translation': { id: 'disimpan (terjemahan)', en: 'stored (translation)' },
  'intake.outcome.update': { id: 'disimpan (pembaruan)', en: 'stored (update)' },
  'intake.outcome.cancel': { id: 'disimpan (pembatalan)', en: 'stored (cancellation)' },
  'intake.outcome.duplicate': { id: 'sudah ada', en: 'duplicate' },
  'intake.outcome.rejected': { id: 'ditolak', en: 'rejected' },
  'intake.outcome.refused': { id: 'ditolak (bentuk kiriman)', en: 'refused (how it was sent)' },
  'intake.outcome.invalid': { id: 'CAP tidak sah', en: 'invalid CAP' },
  'intake.outcome.wrong_sender': { id: 'pengirim tidak sesuai token', en: 'sender not allowed for the token' },
  'intake.outcome.failed': { id: 'gagal di Siaga', en: 'failed in Siaga' },
  'candidate.state.pending': { id: 'menunggu keputusan', en: 'pending' },
  'candidate.state.approved': { id: 'disetujui', en: 'approved' },
  'candidate.state.rejected': { id: 'ditolak', en: 'rejected' },
  'candidate.state.expired': { id: 'kedaluwarsa', en: 'expired' },
  'candidate.polygons': { id: '{n} poligon', en: '{n} polygon(s)' },
} as const satisfies Record<string, Message>;

export type MessageKey = keyof typeof MESSAGES;
