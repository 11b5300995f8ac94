// Words every page uses (header, footer, navigation, errors), Indonesian first.
const id = {
  siteName: 'Siaga',
  tagline: 'Peringatan dini bencana dari BMKG, sampai ke rumah Anda',
  skipToContent: 'Langsung ke isi',
  navHome: 'Beranda',
  navRegister: 'Daftarkan rumah',
  navAlerts: 'Peringatan',
  navSignIn: 'Masuk petugas',
  navSignOut: 'Keluar',
  navLiaison: 'Penghubung BMKG',
  navTeam: 'Tim Tagana',
  navLog: 'Log pengambilan',
  navHazards: 'Kandidat bahaya',
  navCoverage: 'Cakupan',
  switchLanguage: 'English',
  switchLanguageLabel: 'Switch to English',
  mainNav: 'Navigasi utama',
  footer: 'Siaga menyampaikan peringatan resmi BMKG. Dalam keadaan darurat hubungi 112.',
  noScript: 'Bagian ini memerlukan JavaScript.',
  mapLabel: 'Peta',
  loading: 'Memuat…',
  errorPrefix: 'Gagal',
};

export type CommonWords = typeof id;

const en: CommonWords = {
  siteName: 'Siaga',
  tagline: 'Disaster early warnings from BMKG, to your door',
  skipToContent: 'Skip to content',
  navHome: 'Home',
  navRegister: 'Register a household',
  navAlerts: 'Warnings',
  navSignIn: 'Staff sign-in',
  navSignOut: 'Sign out',
  navLiaison: 'BMKG liaison',
  navTeam: 'Tagana team',
  navLog: 'Ingestion log',
  navHazards: 'Hazard candidates',
  navCoverage: 'Coverage',
  switchLanguage: 'Bahasa Indonesia',
  switchLanguageLabel: 'Ganti ke Bahasa Indonesia',
  mainNav: 'Main navigation',
  footer: 'Siaga relays official BMKG warnings. In an emergency call 112.',
  noScript: 'This part needs JavaScript.',
  mapLabel: 'Map',
  loading: 'Loading…',
  errorPrefix: 'Failed',
};

export const COMMON_WORDS = { id, en } as const;
