import { describe, expect, it } from 'vitest';
import { countryKey, isoCountryCode } from './country-codes.ts';

describe('isoCountryCode', () => {
  it.each([
    ['United Kingdom', 'GBR'],
    ['EIRE', 'IRL'],
    ['RSA', 'ZAF'],
    ['USA', 'USA'],
    ['Deutschland', 'DEU'],
    ['Österreich', 'AUT'],
    ['Royaume-Uni', 'GBR'],
    ['España', 'ESP'],
    ['Nederland', 'NLD'],
    ['Ελλάδα', 'GRC'],
    ['Россия', 'RUS'],
    ["Côte d'Ivoire", 'CIV'],
    ['Korea, Republic of', 'KOR'],
    ['Republic of Korea', 'KOR'],
    ['Bolivia', 'BOL'],
    ['Hong Kong', 'HKG'],
    ['the Netherlands', 'NLD'],
    ['  germany ', 'DEU'],
    ['de', 'DEU'],
    ['GB', 'GBR'],
    ['fra', 'FRA'],
  ])('%s is %s', (name, code) => expect(isoCountryCode(name)).toBe(code));

  it.each(['Channel Islands', 'European Community', 'Unspecified', '', '  ', 'Atlantis'])(
    '%j is no one country',
    (name) => expect(isoCountryCode(name)).toBeNull(),
  );
});

describe('countryKey', () => {
  it('ignores case, accents, punctuation and a leading "the"', () => {
    expect(countryKey("  The Côte-d'Ivoire ")).toBe('cote d ivoire');
    expect(countryKey('ÅLAND Islands')).toBe('aland islands');
  });
});
