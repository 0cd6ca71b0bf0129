// Two small literature exports for literature.spec, written as text: a PubMed (MEDLINE .nbib)
// export and a RIS export of four records each. Two RIS records share a DOI with a PubMed record,
// one shares its title, year and first author with one; the RIS file ends inside a fifth record
// (no "ER  -" line), which the import report lists as skipped at its first line.

export const PUBMED_NBIB = `PMID- 39000001
OWN - NLM
DP  - 2019 Aug 26
TI  - Early mobilisation and delirium in critically ill adults: a randomised trial.
LID - 10.1000/sift.alpha.2019 [doi]
AB  - BACKGROUND: Delirium is common in intensive care. RESULTS: Mobilisation
      reduced delirium.
FAU - Smith, John
AU  - Smith J
FAU - Okafor, Ada
AU  - Okafor A
TA  - Crit Care
JT  - Critical care
VI  - 23
PG  - 101-109

PMID- 39000002
OWN - NLM
DP  - 2020
TI  - Probiotics for preventing ventilator-associated pneumonia in children.
LID - 10.1000/sift.beta.2020 [doi]
AB  - Probiotics were compared with placebo in ventilated children.
FAU - Jones, Anna
AU  - Jones A
JT  - Pediatric critical care medicine

PMID- 39000003
OWN - NLM
DP  - 2018 Mar
TI  - Music therapy reduces preoperative anxiety in surgical patients.
FAU - Brown, Carol
AU  - Brown C
JT  - Journal of perioperative nursing
VI  - 12
PG  - 44-50

PMID- 39000004
OWN - NLM
DP  - 2021 Jan 5
TI  - Vitamin D supplementation and fracture risk in older women.
LID - 10.1000/sift.delta.2021 [doi]
AB  - Vitamin D did not lower the risk of fracture.
FAU - Garcia, Luis
AU  - Garcia L
JT  - Bone

`;

/** Line of the RIS file where the truncated fifth record starts. */
export const RIS_TRUNCATED_LINE = 31;

export const EMBASE_RIS = `TY  - JOUR
T1  - Early mobilisation and delirium in critically ill adults: a randomised trial
AU  - Smith, J.
AU  - Okafor, A.
PY  - 2019
JF  - Critical Care
DO  - 10.1000/sift.alpha.2019
ER  - 
TY  - JOUR
T1  - Vitamin D supplementation and fracture risk in older women
AU  - Garcia, L.
PY  - 2021
JF  - Bone
DO  - https://doi.org/10.1000/sift.delta.2021
AB  - No effect on fractures.
ER  - 
TY  - JOUR
T1  - Music therapy reduces preoperative anxiety in surgical patients
AU  - Brown, C.
PY  - 2018
JF  - Journal of Perioperative Nursing
VL  - 12
SP  - 44
EP  - 50
ER  - 
TY  - JOUR
T1  - Aerobic exercise training in chronic heart failure
AU  - Novak, Petra
JF  - Heart
ER  - 
TY  - JOUR
T1  - Sleep hygiene education for adolescents
AU  - Lee, Min
PY  - 2022
`;

/**
 * A CNKI-style CSV whose headers Sift cannot place for sure: the title column has a Chinese
 * header it does not know (文章名称, "article name"), the year is a date and the journal a
 * "Source". Read with the guess, its records have no titles and the row without an abstract is
 * skipped; with the title column chosen, all three are read.
 */
export const AMBIGUOUS_CSV = `文章名称,Summary,Creators,Date,Source
早期活动预防重症监护病房成人谵妄,Mobilisation within 48 hours reduced delirium.,"Wang, Li; Chen, Hui",2021-03-02,中国危重病急救医学
音乐疗法缓解术前焦虑,Music before surgery lowered anxiety.,"Zhang, Wei",2019-11-20,护理学杂志
睡眠卫生教育对夜班护士的影响,,"Liu, Fang",2020-05-01,中华护理杂志
`;
