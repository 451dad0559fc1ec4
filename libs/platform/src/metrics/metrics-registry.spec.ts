import { MetricsRegistry } from './metrics-registry';

describe('metrics registry (Prometheus text format)', () => {
  it('renders counters by label set, histograms with cumulative buckets, and gauges read at the scrape', async () => {
    // Given a counter, a histogram and a collected gauge
    const registry = new MetricsRegistry();
    const requests = registry.counter('sa_http_requests_total', 'HTTP requests');
    const duration = registry.histogram('sa_http_request_duration_seconds', 'duration', [0.1, 1]);
    let leading = 0;
    registry.collected('sa_leader', 'leads', 'gauge', () => [[{}, leading]]);

    // When things happen and the value changes before the scrape
    requests.inc({ method: 'GET', route: '/cases/:id', status: '200' });
    requests.inc({ route: '/cases/:id', method: 'GET', status: '200' });
    requests.inc({ method: 'POST', route: '/cases', status: '422' });
    duration.observe({ route: '/cases' }, 0.05);
    duration.observe({ route: '/cases' }, 0.5);
    leading = 1;
    const text = await registry.render();

    // Then one line per label set (label order does not matter), cumulative buckets, the gauge's current value
    expect(text).toContain('# TYPE sa_http_requests_total counter');
    expect(text).toContain('sa_http_requests_total{method="GET",route="/cases/:id",status="200"} 2');
    expect(text).toContain('sa_http_requests_total{method="POST",route="/cases",status="422"} 1');
    expect(text).toContain('sa_http_request_duration_seconds_bucket{route="/cases",le="0.1"} 1');
    expect(text).toContain('sa_http_request_duration_seconds_bucket{route="/cases",le="1"} 2');
    expect(text).toContain('sa_http_request_duration_seconds_bucket{route="/cases",le="+Inf"} 2');
    expect(text).toContain('sa_http_request_duration_seconds_count{route="/cases"} 2');
    expect(text).toContain('sa_leader 1');
  });

  it('escapes label values and keeps one metric per name', async () => {
    // Given a counter registered twice under one name
    const registry = new MetricsRegistry();
    registry.counter('sa_x_total', 'x').inc({ topic: 'a"b\\c' });
    registry.counter('sa_x_total', 'x').inc({ topic: 'a"b\\c' });
    // Then it is one counter, its value escaped
    const text = await registry.render();
    expect(text.match(/# TYPE sa_x_total/g)).toHaveLength(1);
    expect(text).toContain('sa_x_total{topic="a\\"b\\\\c"} 2');
  });
});
