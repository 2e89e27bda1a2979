using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Preau.IntegrationTests.Infrastructure;

namespace Preau.IntegrationTests.Operations.Processes;

/// <summary>
/// Issue 10, point 2: two instances behind nginx on one PostgreSQL database and one Redis. A session and an antiforgery
/// token made by one instance work on the other, the live counter follows a notification whichever instance sends it,
/// a short load through nginx survives kill -9 of one instance, and every notification e-mail leaves exactly once.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class MultiInstanceTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [ProcessFact]
    public async Task TwoInstancesBehindNginx_ShareSessionsCountersAndOutbox_AndNoRequestFailsOnceOneIsKilled()
    {
        ProcessFactAttribute.RequireTools("nginx", "redis-server");
        var ct = TestContext.Current.CancellationToken;
        await using var deployment = await Deployment.CreateAsync();
        await using var redis = new RedisServer();
        await redis.StartAsync();
        var portA = Topology.FreePort();
        var portB = Topology.FreePort();
        await using var nginx = new NginxProxy();
        await using var a = new AppInstance("A", portA, deployment.Settings("a", seedDemo: true, redis.ConnectionString, nginx.Address.ToString()));
        await using var b = new AppInstance("B", portB, deployment.Settings("b", seedDemo: false, redis.ConnectionString, nginx.Address.ToString()));
        // One after the other: the first migrates and seeds the demo département, the second finds them done.
        await a.StartAsync();
        await b.StartAsync();
        await nginx.StartAsync([portA, portB]);

        // A login on A is a login on B; a form read on B is accepted by A (data-protection keys in Redis).
        var parentCookies = new CookieContainer();
        using var parentOnA = Deployment.Session(a.Address, parentCookies);
        using var parentOnB = Deployment.Session(b.Address, parentCookies);
        Assert.Equal(HttpStatusCode.Redirect, (await parentOnA.LoginAsync("julie.moreau", Deployment.DemoPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await Deployment.SubmitAcrossAsync(parentOnB, parentOnA, "/compte/charte", ("accept", "true"))).StatusCode);
        using (var onB = await parentOnB.GetAsync("/notifications"))
        {
            Assert.Equal(HttpStatusCode.OK, onB.StatusCode);
        }

        var teacherCookies = new CookieContainer();
        using var teacherOnA = Deployment.Session(a.Address, teacherCookies);
        using var teacherOnB = Deployment.Session(b.Address, teacherCookies);
        using var teacherViaProxy = Deployment.Session(nginx.Address, teacherCookies);
        await Deployment.SignInAsync(teacherOnB, "thomas.mercier");
        var classId = await Deployment.FirstClassAsync(teacherOnA);

        // The parent's header counter, open on each instance: whichever instance dispatches, the other one's page hears it.
        await using var counterOnA = await LiveCounter.ConnectAsync(a.Address, parentCookies, ct);
        await using var counterOnB = await LiveCounter.ConnectAsync(b.Address, parentCookies, ct);
        var before = await counterOnA.NextUnreadAsync(ct);
        Assert.Equal(before, await counterOnB.NextUnreadAsync(ct));

        var first = $"Sortie au musée {Guid.NewGuid():N}"[..32];
        var sent = await Deployment.SubmitAcrossAsync(teacherOnA, teacherOnB, $"/classe/{classId}/liaison/nouvelle",
            ("Input.Title", first), ("Input.Body", "Prévoir un pique-nique."));
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        using (var live = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            live.CancelAfter(Patience);
            Assert.True(await counterOnA.WaitForUnreadAsync(before + 1, live.Token) > before);
            Assert.True(await counterOnB.WaitForUnreadAsync(before + 1, live.Token) > before);
        }
        await deployment.WaitForEmptyOutboxAsync(Patience);

        // The home page's « new » counts, remembered by each instance (ADR 0040): an article published on A shows on B's
        // home page, and the blog opened on A clears B's count once the visit is written (a second or so) — not after
        // the counts' lifetime (30 s). Redis carries the messages; the test waits for them, bounded.
        var blogTile = $"a.service[data-service=blog][href='/classe/{classId}/blog'] .count";
        var articles = await NewArticlesAsync(parentOnB, blogTile);
        Assert.Equal(articles, await NewArticlesAsync(parentOnB, blogTile));
        string blog;
        using (var tile = await teacherOnA.GetAsync($"/classe/{classId}/blog"))
        {
            blog = tile.Headers.Location!.OriginalString;
        }
        var published = await teacherOnA.SubmitAsync($"{blog}/ecrire", ("Input.Title", $"Le potager {Guid.NewGuid():N}"[..24]),
            ("Input.Body", "Les radis ont poussé."), ("Input.Intent", "publish"));
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        await UntilAsync(async () => await NewArticlesAsync(parentOnB, blogTile) == articles + 1, "the article published on A counted on B");
        Assert.Equal(HttpStatusCode.Redirect, (await parentOnA.GetAsync($"/classe/{classId}/blog")).StatusCode);
        await UntilAsync(async () => await NewArticlesAsync(parentOnB, blogTile) == 0, "the blog opened on A cleared on B");

        // A short load through nginx; kill -9 of A in the middle; once nginx has noticed, nothing fails.
        using var parentViaProxy = Deployment.Session(nginx.Address, parentCookies);
        var failures = new ConcurrentQueue<(TimeSpan At, string What)>();
        var served = new ConcurrentDictionary<string, int>();
        var clock = Stopwatch.StartNew();
        using var stopLoad = new CancellationTokenSource();
        var paths = new[] { "/notifications", "/", $"/classe/{classId}/liaison", "/healthz" };
        var load = Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
        {
            var i = worker;
            while (!stopLoad.IsCancellationRequested)
            {
                var path = paths[i++ % paths.Length];
                try
                {
                    using var response = await parentViaProxy.GetAsync(path);
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        failures.Enqueue((clock.Elapsed, $"{path} {(int)response.StatusCode}"));
                    }
                    else
                    {
                        served.AddOrUpdate(path, 1, (_, n) => n + 1);
                    }
                }
                catch (HttpRequestException e)
                {
                    failures.Enqueue((clock.Elapsed, $"{path} {e.Message}"));
                }
            }
        })).ToList();
        await Task.Delay(TimeSpan.FromSeconds(3), ct);
        var killedAt = clock.Elapsed;
        a.Kill();
        await Task.Delay(TimeSpan.FromSeconds(5), ct);
        // The second liaison note goes through nginx while A is dead (tried first or not: a refused connection is retried).
        var second = $"Piscine {Guid.NewGuid():N}"[..24];
        var sentAfter = await teacherViaProxy.SubmitAsync($"/classe/{classId}/liaison/nouvelle", ("Input.Title", second), ("Input.Body", "Bonnet obligatoire."));
        Assert.Equal(HttpStatusCode.Redirect, sentAfter.StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(2), ct);
        await stopLoad.CancelAsync();
        await Task.WhenAll(load);

        var noticed = killedAt + TimeSpan.FromSeconds(2);
        TestContext.Current.TestOutputHelper?.WriteLine($"Served through nginx: {served.Values.Sum()}; failed: {failures.Count} ({string.Join("; ", failures.Take(5))}); A killed at {killedAt}.");
        Assert.True(served.Values.Sum() > 20, $"Only {served.Values.Sum()} requests served through nginx");
        Assert.True(failures.All(f => f.At < noticed),
            $"Requests failed after nginx noticed the dead instance: {string.Join("; ", failures.Where(f => f.At >= noticed).Take(10))}\n{nginx.ErrorLog()}");

        // Every notification of both notes: exactly one e-mail per recipient who wants them, none lost, none twice.
        await deployment.WaitForEmptyOutboxAsync(Patience);
        foreach (var title in new[] { first, second })
        {
            var noteUrl = await deployment.ScalarAsync<string>("SELECT '/liaison/' || \"Id\" FROM liaison_notes WHERE \"Title\" = @t", ("t", title));
            var expected = await deployment.ExpectedMailsAsync(noteUrl);
            var mails = deployment.Smtp.Messages.Where(m => m.Subject?.Contains(title, StringComparison.Ordinal) == true)
                .GroupBy(m => m.To.Mailboxes.Single().Address).ToList();
            Assert.True(expected > 0);
            Assert.Equal(expected, mails.Count);
            Assert.All(mails, g => Assert.Single(g));
        }

        // /metrics behind the proxy: a client that nginx reports as remote is refused, the local scraper is not.
        using var scraper = new HttpClient { BaseAddress = b.Address };
        using var fromRemote = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        fromRemote.Headers.Add("X-Forwarded-For", "203.0.113.5");
        Assert.Equal(HttpStatusCode.NotFound, (await scraper.SendAsync(fromRemote, ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await scraper.GetAsync("/metrics", ct)).StatusCode);

        // Readiness includes Redis when instances share it.
        Assert.Equal(HttpStatusCode.OK, (await scraper.GetAsync("/readyz", ct)).StatusCode);
        redis.Kill();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await scraper.GetAsync("/readyz", ct)).StatusCode);
    }

    /// <summary>The number on the class blog's tile of the home page (0 without one).</summary>
    private static async Task<int> NewArticlesAsync(UserSession parent, string selector)
    {
        var (status, home) = await parent.GetPageAsync("/");
        Assert.Equal(HttpStatusCode.OK, status);
        var text = home.QuerySelector(selector)?.TextContent.Trim();
        return text is null ? 0 : int.Parse(text.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"Not within 10 s: {what}");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
