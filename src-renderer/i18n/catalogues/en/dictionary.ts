/** The words of the dictionary area, in English (the source language). */
export const dictionary = {
  linkToThisDefinition: 'Link to this definition',
  definition: 'Definition',
  formula: 'Formula',
  unit: 'Unit',
  otherDefinitions: 'Other definitions',
  id: 'Id',
  dataDictionary: 'Data dictionary',
  everyNumberInFloorwatch: 'Every number in Floorwatch names one of these metrics. Percentages are rounded for display; durations are in seconds before formatting.',
  searchMetrics: 'Search metrics',
  eGServiceLevel: 'e.g. service level, abandon, wait',
  noMetricMatches: 'No metric matches “',
  lengthMetrics: '{{length}} metrics',
  lengthOfLength1Metrics: '{{length}} of {{length1}} metrics match',
} as const;
