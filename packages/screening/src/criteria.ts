// A review's eligibility criteria as the researcher writes them: PICO free text, the study designs
// to include, extra inclusion and exclusion statements, and hard limits on year and language.
import { z } from 'zod';
import { storableText } from '@sift/excel';

export const studyDesigns = [
  'rct',
  'non-randomised-trial',
  'cohort',
  'case-control',
  'cross-sectional',
  'case-series',
  'case-report',
  'qualitative',
  'systematic-review',
  'animal',
  'in-vitro',
] as const;

export type StudyDesign = (typeof studyDesigns)[number];

export const studyDesignLabels: Record<StudyDesign, string> = {
  rct: 'Randomised controlled trial',
  'non-randomised-trial': 'Non-randomised trial',
  cohort: 'Cohort study',
  'case-control': 'Case-control study',
  'cross-sectional': 'Cross-sectional study',
  'case-series': 'Case series',
  'case-report': 'Case report',
  qualitative: 'Qualitative study',
  'systematic-review': 'Systematic review or meta-analysis',
  animal: 'Animal study',
  'in-vitro': 'In-vitro (laboratory) study',
};

// Criteria are stored in PostgreSQL, which refuses U+0000 and lone surrogates: those become U+FFFD.
const text = (max: number, min = 0) => z.string().trim().min(min).max(max).transform(storableText);
const freeText = text(2000);
const year = z.number().int().min(1800).max(2100).nullable();

export const criteriaSchema = z
  .object({
    population: freeText,
    intervention: freeText,
    comparator: freeText,
    outcomes: freeText,
    designs: z.array(z.enum(studyDesigns)).max(studyDesigns.length),
    include: z.array(text(500, 1)).max(50),
    exclude: z.array(text(500, 1)).max(50),
    yearFrom: year,
    yearTo: year,
    languages: z.array(text(40, 1)).max(20),
  })
  .refine((criteria) => criteria.yearFrom === null || criteria.yearTo === null || criteria.yearFrom <= criteria.yearTo, {
    message: 'yearFrom must not be after yearTo: swap the two years or clear one of them',
    path: ['yearFrom'],
  });

export type Criteria = z.infer<typeof criteriaSchema>;
