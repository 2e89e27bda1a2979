using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Preau.IntegrationTests.Infrastructure;
using Preau.Web.Platform.Jobs;
using Preau.Web.Platform.Scale;

namespace Preau.IntegrationTests.Platform;

/// <summary>Two instances (two lease holders with their own owner name) on one database, with a clock the test moves.</summary>
public sealed class JobLeasesTests(TestApp app)
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    private JobLeases Instance(bool severalInstances = true) => new(app.Services.GetRequiredService<IServiceScopeFactory>(), _time,
        new ScaleOutOptions { RedisConnectionString = severalInstances ? "127.0.0.1:1" : null }, NullLogger<JobLeases>.Instance);

    [DbFact]
    public async Task Lease_HeldByOneInstance_IsRefusedToAnother_AndTakenOverOnceItsHolderStopsRenewing()
    {
        var name = "test-" + Guid.NewGuid().ToString("N")[..20];
        var a = Instance();
        var b = Instance();

        Assert.True(await a.TryAcquireAsync(name, TimeSpan.FromSeconds(60)));
        Assert.False(await b.TryAcquireAsync(name, TimeSpan.FromSeconds(60)));
        _time.Advance(TimeSpan.FromSeconds(50));
        Assert.True(await a.TryAcquireAsync(name, TimeSpan.FromSeconds(60)));
        _time.Advance(TimeSpan.FromSeconds(50));
        Assert.False(await b.TryAcquireAsync(name, TimeSpan.FromSeconds(60)));

        // A stops renewing (killed): once the lease has expired, B takes it and A no longer holds it.
        _time.Advance(TimeSpan.FromSeconds(61));
        Assert.True(await b.TryAcquireAsync(name, TimeSpan.FromSeconds(60)));
        Assert.False(await a.TryAcquireAsync(name, TimeSpan.FromSeconds(60)));
        Assert.Equal(b.Owner, await app.WithDbAsync(db => Task.FromResult(db.JobLeases.Single(l => l.Name == name).Owner)));
    }

    [DbFact]
    public async Task RunExclusive_RunsTheJobOnOneInstanceAtATime_AndFreesTheLeaseWhenDone()
    {
        var name = "test-" + Guid.NewGuid().ToString("N")[..20];
        var a = Instance();
        var b = Instance();
        var ranOnB = false;

        var ranOnA = await a.RunExclusiveAsync(name, async ct =>
        {
            ranOnB = await b.RunExclusiveAsync(name, _ => Task.CompletedTask, ct);
        }, TestContext.Current.CancellationToken);

        Assert.True(ranOnA);
        Assert.False(ranOnB);
        Assert.True(await b.RunExclusiveAsync(name, _ => Task.CompletedTask, TestContext.Current.CancellationToken));
    }

    [DbFact]
    public async Task SingleProcess_RunsItsJobsWithoutAnyLeaseRow()
    {
        var name = "test-" + Guid.NewGuid().ToString("N")[..20];
        Assert.True(await Instance(severalInstances: false).RunExclusiveAsync(name, _ => Task.CompletedTask, TestContext.Current.CancellationToken));
        Assert.False(await app.WithDbAsync(db => Task.FromResult(db.JobLeases.Any(l => l.Name == name))));
    }
}
