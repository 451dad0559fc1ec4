import { requirePrograms } from '../lib/prerequisites';

describe('prerequisites of the local servers', () => {
  const savedPath = process.env.PATH;
  afterEach(() => {
    process.env.PATH = savedPath;
  });

  it('passes when java, mvn and go are on PATH', () => {
    expect(() => requirePrograms('Kafka', ['java', 'mvn'])).not.toThrow();
    expect(() => requirePrograms('FerretDB', ['go'])).not.toThrow();
  });

  it('says exactly which program is missing and how to install it', () => {
    // Given a PATH where none of them can be found
    process.env.PATH = '/nonexistent';
    // Then the message names each missing program with an install command
    expect(() => requirePrograms('Kafka', ['java', 'mvn'])).toThrow(
      /Kafka needs programs that are not on PATH:\n {2}- java: install Java 17 or newer: `apt-get install -y openjdk-17-jre-headless`[^\n]*\n {2}- mvn: install Apache Maven: `apt-get install -y maven`/,
    );
    expect(() => requirePrograms('FerretDB', ['go'])).toThrow(/- go: install Go 1.22 or newer: https:\/\/go.dev\/doc\/install/);
  });
});
