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
  'team.action.created': { id: 'dibuat', en: 'created' },
  'team.action.updated': { id: 'diperbarui', en: 'updated' },
  'team.action.reopened': { id: 'dibuka lagi', en: 'reopened' },
  'team.action.escalated': { id: 'dieskalasi', en: 'escalated' },
  'team.action.stood_down': { id: 'dibatalkan', en: 'stood down' },
  'team.action.acknowledged': { id: 'diakui', en: 'acknowledged' },
  'team.action.started': { id: 'mulai dikerjakan', en: 'started' },
  'team.action.done': { id: 'selesai', en: 'done' },
  'team.action.clustered': { id: 'digabung dalam klaster', en: 'clustered' },
  'team.action.unclustered': { id: 'klaster dibubarkan', en: 'cluster dissolved' },
} as const satisfies Record<string, Message>;

export type MessageKey = keyof typeof MESSAGES;
