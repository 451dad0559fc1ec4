import { parseSelection, runDlqCommand, UsageError } from './dlq-command';

describe('the dlq command line', () => {
  const out = { line: () => undefined };

  it('reads offsets as N or PARTITION:N, or --all', () => {
    expect(parseSelection(['--offset', '12', '--offset', '2:40'])).toEqual([
      { partition: 0, offset: 12n },
      { partition: 2, offset: 40n },
    ]);
    expect(parseSelection(['--all'])).toBe('all');
  });

  it('names what is wrong with its arguments', () => {
    expect(() => parseSelection([])).toThrow('replay needs --offset N (repeatable) or --all');
    expect(() => parseSelection(['--offset', 'twelve'])).toThrow('--offset needs N or PARTITION:N (whole numbers), got "twelve"');
    expect(() => parseSelection(['--all', '--offset', '1'])).toThrow('give either --all or --offset, not both');
  });

  it('refuses a topic that is not a dead-letter topic, and a missing KAFKA_BROKERS', async () => {
    await expect(runDlqCommand(['list', 'sa.intake.applications.v1'], {}, out)).rejects.toThrow(
      new UsageError('"sa.intake.applications.v1" is not a dead-letter topic: its name must end with .dlq'),
    );
    await expect(runDlqCommand(['list', 'sa.intake.applications.v1.dlq'], {}, out)).rejects.toThrow('KAFKA_BROKERS is not set');
    await expect(runDlqCommand(['list', 'x.dlq'], { KAFKA_BROKERS: 'localhost' }, out)).rejects.toThrow('KAFKA_BROKERS: "localhost" must be host:port');
    await expect(runDlqCommand(['purge', 'x.dlq'], { KAFKA_BROKERS: 'localhost:9092' }, out)).rejects.toThrow('unknown command "purge": use list or replay');
  });
});
