import { ResponseError } from '@platformatic/kafka';
import { createTopicIfAbsent } from './provision-topics';

/** The broker's refusal of CreateTopics (API key 19), as @platformatic/kafka raises it. */
const refused = (code: number, message: string) => new ResponseError(19, 7, { '/topics/0': [code, message] }, {});
const topicAlreadyExists = 36;
const notController = 41;
const invalidReplicationFactor = 38;

/** An admin whose createTopics answers with each of `answers` in turn (an error is thrown). */
function adminAnswering(...answers: (Error | 'ok')[]) {
  const createTopics = jest.fn(async () => {
    const answer = answers.shift();
    if (answer instanceof Error) throw answer;
    return [];
  });
  return { createTopics };
}

const wanted = (deadlineInMs = 10_000) => ({ topic: 'sa.intake.applications.v1', partitions: 6, deadline: Date.now() + deadlineInMs });

describe('creating one topic at start-up', () => {
  it('takes TOPIC_ALREADY_EXISTS as another instance having created it, without asking again', async () => {
    // Given a broker that says the topic exists (a fresh broker says so before its metadata lists it)
    const admin = adminAnswering(refused(topicAlreadyExists, "Topic 'sa.intake.applications.v1' already exists."));
    // When the topic is created
    const outcome = await createTopicIfAbsent(admin, wanted(), { replicas: 1 });
    // Then it counts as raced, with one request
    expect(outcome).toBe('raced');
    expect(admin.createTopics).toHaveBeenCalledTimes(1);
  });

  it('retries what the broker marks retriable, and errors before any answer (a broker still starting)', async () => {
    // Given a broker that is not ready twice, then creates the topic
    const admin = adminAnswering(refused(notController, 'not the controller'), new Error('connect ECONNREFUSED 127.0.0.1:59092'), 'ok');
    // When the topic is created
    const outcome = await createTopicIfAbsent(admin, wanted(), { replicas: 1, configs: { 'retention.ms': '-1' } });
    // Then it was created on the third request, with the requested layout
    expect(outcome).toBe('created');
    expect(admin.createTopics).toHaveBeenCalledTimes(3);
    expect(admin.createTopics).toHaveBeenLastCalledWith({
      topics: ['sa.intake.applications.v1'],
      partitions: 6,
      replicas: 1,
      configs: [{ name: 'retention.ms', value: '-1' }],
    });
  });

  it('fails at once on a refusal that cannot pass, naming the broker’s reason', async () => {
    const admin = adminAnswering(refused(invalidReplicationFactor, 'Replication factor: 3 larger than available brokers: 1.'));
    await expect(createTopicIfAbsent(admin, wanted(), { replicas: 3 })).rejects.toThrow(
      'could not create topic sa.intake.applications.v1: INVALID_REPLICATION_FACTOR (Replication factor: 3 larger than available brokers: 1.)',
    );
    expect(admin.createTopics).toHaveBeenCalledTimes(1);
  });

  it('gives up on a broker that never answers once the deadline has passed, saying why', async () => {
    const unreachable = new Error('connect ECONNREFUSED 127.0.0.1:59092');
    const admin = adminAnswering(unreachable, unreachable, unreachable, unreachable, unreachable);
    await expect(createTopicIfAbsent(admin, wanted(250), {})).rejects.toThrow(
      'could not create topic sa.intake.applications.v1: connect ECONNREFUSED 127.0.0.1:59092',
    );
    expect(admin.createTopics.mock.calls.length).toBeGreaterThan(1);
  });
});
