using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Preau.Web.Platform.Web;

namespace Preau.Tests.Platform;

public sealed class RequestAdmissionTests
{
    private static RequestAdmission Admission(int permits, int queue) => new(new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Preau:Http:MaxConcurrentRequests"] = permits.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Preau:Http:MaxQueuedRequests"] = queue.ToString(System.Globalization.CultureInfo.InvariantCulture),
        })
        .Build());

    private static DefaultHttpContext Request(string path)
    {
        var context = new DefaultHttpContext();
        context.Request.Path = path;
        context.Response.Body = new MemoryStream();
        return context;
    }

    [Fact]
    public async Task BeyondThePermits_RequestsWaitTheirTurnInOrder_AndProbesNeverWait()
    {
        await using var admission = Admission(permits: 1, queue: 10);
        var release = new TaskCompletionSource();
        var started = new List<string>();
        RequestDelegate page = async c =>
        {
            lock (started)
            {
                started.Add(c.Request.Path);
            }
            if (c.Request.Path == "/premiere")
            {
                await release.Task;
            }
        };

        var first = admission.InvokeAsync(Request("/premiere"), page);
        var second = admission.InvokeAsync(Request("/deuxieme"), page);
        var third = admission.InvokeAsync(Request("/troisieme"), page);
        await admission.InvokeAsync(Request("/healthz"), page);
        // A live connection (the notifications hub) lasts as long as its page: it never takes a permit.
        await admission.InvokeAsync(Request("/hubs/notifications"), page);

        Assert.Equal(["/premiere", "/healthz", "/hubs/notifications"], started);
        Assert.False(second.IsCompleted);
        release.SetResult();
        await Task.WhenAll(first, second, third);
        Assert.Equal(["/premiere", "/healthz", "/hubs/notifications", "/deuxieme", "/troisieme"], started);
    }

    [Fact]
    public async Task WhenTheQueueIsFull_TheNextRequestIsAnswered503WithAFrenchMessage()
    {
        await using var admission = Admission(permits: 1, queue: 1);
        var release = new TaskCompletionSource();
        RequestDelegate page = _ => release.Task;

        var first = admission.InvokeAsync(Request("/"), page);
        var second = admission.InvokeAsync(Request("/"), page);
        var refused = Request("/");
        await admission.InvokeAsync(refused, page);

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, refused.Response.StatusCode);
        Assert.Equal("5", refused.Response.Headers.RetryAfter.ToString());
        Assert.Contains("réessayez", System.Text.Encoding.UTF8.GetString(((MemoryStream)refused.Response.Body).ToArray()));
        release.SetResult();
        await Task.WhenAll(first, second);
    }

    [Fact]
    public async Task APersonWhoLeavesWhileWaiting_FreesTheirPlace()
    {
        await using var admission = Admission(permits: 1, queue: 1);
        var release = new TaskCompletionSource();
        var ran = 0;
        RequestDelegate page = async _ =>
        {
            Interlocked.Increment(ref ran);
            await release.Task;
        };
        var first = admission.InvokeAsync(Request("/"), page);
        using var leaving = new CancellationTokenSource();
        var gone = Request("/");
        gone.RequestAborted = leaving.Token;
        var waiting = admission.InvokeAsync(gone, page);

        await leaving.CancelAsync();
        await waiting;
        var next = Request("/");
        var queued = admission.InvokeAsync(next, page);
        Assert.Equal(200, next.Response.StatusCode);
        release.SetResult();
        await Task.WhenAll(first, queued);
        Assert.Equal(2, ran);
    }

    [Fact]
    public async Task AnAnswerThatHasStartedSending_GivesItsPermitBack()
    {
        await using var admission = Admission(permits: 1, queue: 10);
        var slowPhone = new TaskCompletionSource();
        var download = Request("/fichiers/photo");
        var response = new StartableResponse();
        download.Features.Set<Microsoft.AspNetCore.Http.Features.IHttpResponseFeature>(response);
        RequestDelegate sendFile = async _ =>
        {
            // The access is checked, the headers go: the bytes then trickle to a phone on a slow network.
            await response.StartAsync();
            await slowPhone.Task;
        };
        var ran = false;

        var sending = admission.InvokeAsync(download, sendFile);
        // Without the permit given back this would wait for the download: fail instead of hanging.
        await admission.InvokeAsync(Request("/"), _ =>
        {
            ran = true;
            return Task.CompletedTask;
        }).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.True(ran);
        Assert.False(sending.IsCompleted);
        slowPhone.SetResult();
        await sending;
        // Given back once only: a request after the download still finds the single permit, and only one.
        var release = new TaskCompletionSource();
        var holding = admission.InvokeAsync(Request("/a"), _ => release.Task);
        var waiting = admission.InvokeAsync(Request("/b"), _ => Task.CompletedTask);
        Assert.False(waiting.IsCompleted);
        release.SetResult();
        await Task.WhenAll(holding, waiting);
    }

    /// <summary>A response whose start (headers sent) the test decides, as Kestrel would when a body is first written.</summary>
    private sealed class StartableResponse : Microsoft.AspNetCore.Http.Features.HttpResponseFeature
    {
        private readonly List<(Func<object, Task> Callback, object State)> _starting = [];

        public override bool HasStarted => _started;

        private bool _started;

        public override void OnStarting(Func<object, Task> callback, object state) => _starting.Add((callback, state));

        public async Task StartAsync()
        {
            _started = true;
            foreach (var (callback, state) in _starting)
            {
                await callback(state);
            }
        }
    }
}
