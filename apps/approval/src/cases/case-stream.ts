/** One Case stream per application (申请): the id intake issued is the case id everywhere. */
export const caseStream = (applicationId: string) => `case-${applicationId}`;
