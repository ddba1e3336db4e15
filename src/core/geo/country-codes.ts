/**
 * Country names as sales files write them, matched to ISO 3166-1 alpha-3 codes (what the world
 * map is keyed by). A file's country column may hold ISO names, two- or three-letter codes, or
 * the names a shop system or a person wrote: the UCI file's "EIRE" and "RSA", German or French
 * names, names in their own script. Names that are no one country ("Channel Islands", "European
 * Community", "Unspecified") get no code and are listed apart, never guessed.
 */
import { ISO_3166 } from './iso-3166.ts';

/** Case, accents, punctuation and a leading "the" ignored: "Côte d'Ivoire" = "cote d ivoire". */
export function countryKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/^the /, '');
}

/**
 * Names beyond ISO's English ones, by code: short forms and abbreviations, the UCI file's, and
 * the names the app's supported languages (German, French, Spanish, Dutch) and the countries
 * themselves use, for the countries shops most often sell to.
 */
const ALIASES: Record<string, readonly string[]> = {
  GBR: [
    'UK',
    'Great Britain',
    'Britain',
    'England',
    'Scotland',
    'Wales',
    'Northern Ireland',
    'Vereinigtes Königreich',
    'Großbritannien',
    'Royaume-Uni',
    'Reino Unido',
    'Verenigd Koninkrijk',
  ],
  IRL: ['EIRE', 'Éire', 'Republic of Ireland', 'Irland', 'Irlande', 'Irlanda', 'Ierland'],
  ZAF: ['RSA', 'Südafrika', 'Afrique du Sud', 'Sudáfrica', 'Zuid-Afrika'],
  USA: [
    'US',
    'U.S.',
    'U.S.A.',
    'United States of America',
    'Vereinigte Staaten',
    'États-Unis',
    'Estados Unidos',
    'Verenigde Staten',
  ],
  DEU: ['Deutschland', 'Allemagne', 'Alemania', 'Duitsland'],
  AUT: ['Österreich', 'Autriche'],
  CHE: ['Schweiz', 'Suisse', 'Svizzera', 'Suiza', 'Zwitserland'],
  FRA: ['Frankreich', 'Francia', 'Frankrijk'],
  ESP: ['España', 'Spanien', 'Espagne', 'Spanje'],
  ITA: ['Italia', 'Italien', 'Italie', 'Italië'],
  NLD: ['Netherlands', 'Holland', 'Nederland', 'Niederlande', 'Pays-Bas', 'Países Bajos'],
  BEL: ['Belgien', 'Belgique', 'België', 'Bélgica'],
  LUX: ['Luxemburg', 'Luxembourg', 'Luxemburgo'],
  PRT: ['Portogallo'],
  DNK: ['Danmark', 'Dänemark', 'Danemark', 'Dinamarca', 'Denemarken'],
  SWE: ['Sverige', 'Schweden', 'Suède', 'Suecia', 'Zweden'],
  NOR: ['Norge', 'Norwegen', 'Norvège', 'Noruega', 'Noorwegen'],
  FIN: ['Suomi', 'Finnland', 'Finlande', 'Finlandia'],
  ISL: ['Ísland', 'Island', 'Islande', 'Islandia', 'IJsland'],
  POL: ['Polska', 'Polen', 'Pologne', 'Polonia'],
  CZE: ['Czech Republic', 'Česko', 'Tschechien', 'République tchèque', 'Tsjechië'],
  SVK: ['Slovensko', 'Slowakei'],
  HUN: ['Magyarország', 'Ungarn', 'Hongrie', 'Hungría', 'Hongarije'],
  GRC: ['Ελλάδα', 'Hellas', 'Griechenland', 'Grèce', 'Grecia', 'Griekenland'],
  CYP: ['Κύπρος', 'Zypern', 'Chypre', 'Chipre'],
  HRV: ['Hrvatska', 'Kroatien', 'Croatie'],
  SVN: ['Slovenija', 'Slowenien'],
  ROU: ['România', 'Rumänien', 'Roumanie', 'Rumania'],
  BGR: ['България', 'Bulgarien', 'Bulgarie'],
  RUS: ['Russia', 'Россия', 'Russland', 'Russie', 'Rusia', 'Rusland'],
  UKR: ['Україна', 'Ukraine'],
  TUR: ['Türkiye', 'Turkey', 'Türkei', 'Turquie', 'Turquía', 'Turkije'],
  LTU: ['Lietuva', 'Litauen', 'Lituanie'],
  LVA: ['Latvija', 'Lettland', 'Lettonie'],
  EST: ['Eesti', 'Estland', 'Estonie'],
  MLT: ['Malte'],
  JPN: ['日本', 'Japon', 'Japón'],
  CHN: ['中国', 'China', 'Chine'],
  KOR: ['Korea', 'South Korea', 'Republic of Korea', 'Südkorea', 'Corée du Sud'],
  TWN: ['Taiwan'],
  HKG: ['Hong Kong SAR', 'Hongkong'],
  ARE: ['UAE', 'Vereinigte Arabische Emirate', 'Émirats arabes unis'],
  BRA: ['Brasil', 'Brasilien', 'Brésil'],
  MEX: ['México', 'Mexiko', 'Mexique'],
  CAN: ['Kanada'],
  AUS: ['Australien', 'Australie'],
  NZL: ['Neuseeland', 'Nouvelle-Zélande', 'Nueva Zelanda'],
};

let byKey: Map<string, string> | null = null;

function table(): Map<string, string> {
  if (byKey) return byKey;
  byKey = new Map();
  for (const line of ISO_3166.trim().split('\n')) {
    // "DEU DE Germany|Federal Republic of Germany": the names may contain spaces.
    const [alpha3, alpha2] = line.split(' ', 2) as [string, string];
    const names = line.slice(alpha3.length + alpha2.length + 2).split('|');
    for (const name of [alpha3, alpha2, ...names]) byKey.set(countryKey(name), alpha3);
  }
  for (const [alpha3, names] of Object.entries(ALIASES))
    for (const name of names) byKey.set(countryKey(name), alpha3);
  return byKey;
}

/** The ISO 3166-1 alpha-3 code of a country as a file names it, or null when it is none. */
export function isoCountryCode(name: string): string | null {
  const key = countryKey(name);
  return key === '' ? null : (table().get(key) ?? null);
}
