using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Preau.Bench;

/// <summary>
/// `load`: virtual families and teachers of the evening peak against a running Préau, or (`--baseline`) the bare
/// endpoint of the same app. Each account signs in once (its cookies are shared by the virtual users playing it, as a
/// family's phone keeps its session); each virtual user then loops over weighted visits with an exponential think
/// time. Prints one summary line: <c>requests= rps= p50_ms= p95_ms= p99_ms= errors=</c>.
/// </summary>
internal static partial class Load
{
    /// <summary>A request not answered within this counts as an error ("délai dépassé"), as a parent would give up.</summary>
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    [GeneratedRegex("href=\"/messagerie/([0-9a-f-]{36})\"")]
    private static partial Regex MessageLink();

    [GeneratedRegex("<form method=\"post\" action=\"([^\"]+)\"[^>]*class=\"sign-form\">(.*?)</form>", RegexOptions.Singleline)]
    private static partial Regex SignForm();

    [GeneratedRegex("name=\"(noteId|pupilId|__RequestVerificationToken)\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex Hidden();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("href=\"/albums/([0-9a-f-]{36})\"")]
    private static partial Regex AlbumLink();

    [GeneratedRegex("<img src=\"/fichiers/([^\"]+)\"")]
    private static partial Regex Thumbnail();

    [GeneratedRegex("name=\"Input.Day\" type=\"date\" value=\"([0-9]{4}-[0-9]{2}-[0-9]{2})\"")]
    private static partial Regex EntryDay();

    [GeneratedRegex("<option value=\"([0-9a-f-]{36})\"")]
    private static partial Regex SubjectOption();

    private sealed record Account(string Kind, string Login, string[] Classes);

    public static async Task<int> RunAsync(string[] args)
    {
        string Opt(string name, string fallback) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback;
        var baseUrl = new Uri(Opt("--base", "http://127.0.0.1:5080"));
        var vus = int.Parse(Opt("--vus", "50"), CultureInfo.InvariantCulture);
        var duration = TimeSpan.FromSeconds(double.Parse(Opt("--duration", "30"), CultureInfo.InvariantCulture));
        // Served but not measured first: the runtime's tiered JIT (with its profiling tier) takes tens of seconds of
        // load to settle on optimised code, and a server runs for hours; a short run without it measures start-up.
        var warmup = TimeSpan.FromSeconds(double.Parse(Opt("--warmup", "0"), CultureInfo.InvariantCulture));
        var appPid = int.Parse(Opt("--app-pid", "0"), CultureInfo.InvariantCulture);
        var thinkMs = double.Parse(Opt("--think-ms", "0"), CultureInfo.InvariantCulture);
        var accountsWanted = int.Parse(Opt("--accounts", "200"), CultureInfo.InvariantCulture);
        var password = Opt("--password", "Charge-Preau-2026");
        var random = new Random(int.Parse(Opt("--seed", "1"), CultureInfo.InvariantCulture));
        // One page only instead of the evening's mix ({class}: one of the account's classes), to know what each costs.
        var onlyPage = Opt("--page", "");
        var onlyKind = Opt("--kind", "");
        // Where the tail comes from: latency percentiles of each page (written to the error output after the summary).
        var stats = new Stats { ByPage = args.Contains("--by-page"), TraceFile = Opt("--trace", "") };
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 1024, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };

        if (args.Contains("--baseline"))
        {
            using var anonymous = new HttpClient(handler, disposeHandler: false) { BaseAddress = baseUrl, Timeout = RequestTimeout };
            Func<int, CancellationToken, Task> bare = async (_, ct) => await stats.TimeAsync(() => anonymous.GetAsync("/bench/baseline", ct));
            if (warmup > TimeSpan.Zero)
            {
                await RunForAsync(vus, warmup, bare, thinkMs, random, stats);
                stats.Reset();
            }
            var clock = CpuClock.Read(appPid);
            await RunForAsync(vus, duration, bare, thinkMs, random, stats);
            Console.WriteLine(stats.Summary(duration) + CpuClock.Read(appPid).Since(clock, stats.Count));
            return 0;
        }

        // Parents dominate the evening: about six families for one teacher.
        var all = File.ReadAllLines(Opt("--users-file", "users.csv")).Select(l => l.Split(';'))
            .Select(p => new Account(p[0], p[1], p[2].Split('|', StringSplitOptions.RemoveEmptyEntries))).ToList();
        var parents = all.Where(a => a.Kind == "parent" && onlyKind is "" or "parent").OrderBy(_ => random.Next()).Take(accountsWanted * 6 / 7).ToList();
        var teachers = all.Where(a => a.Kind == "teacher" && onlyKind is "" or "teacher").OrderBy(_ => random.Next()).Take(Math.Max(1, accountsWanted / 7)).ToList();
        // Interleaved, one teacher after every six families: each virtual user plays one account (vu % count), so with
        // fewer virtual users than accounts a list of all the parents first would leave the teachers out.
        var accounts = new List<Account>();
        for (var (p, t) = (0, 0); p < parents.Count || t < teachers.Count; p += 6, t++)
        {
            accounts.AddRange(parents.Skip(p).Take(6));
            accounts.AddRange(teachers.Skip(t).Take(1));
        }
        var signIn = Stopwatch.StartNew();
        var clients = new ConcurrentDictionary<Account, HttpClient>();
        await Parallel.ForEachAsync(accounts, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (account, ct) =>
        {
            var client = await SignInAsync(baseUrl, account.Login, password, ct);
            if (client is null)
            {
                stats.Error();
                return;
            }
            clients[account] = client;
        });
        await Console.Error.WriteLineAsync($"{clients.Count}/{accounts.Count} comptes connectés en {signIn.Elapsed.TotalSeconds:F1} s ; {vus} utilisateurs virtuels pendant {duration.TotalSeconds} s.");
        var signedIn = accounts.Where(clients.ContainsKey).ToList();
        if (signedIn.Count == 0)
        {
            return 1;
        }
        Func<int, CancellationToken, Task> visit = async (vu, ct) =>
        {
            var account = signedIn[vu % signedIn.Count];
            if (onlyPage.Length > 0)
            {
                var path = onlyPage.Replace("{class}", account.Classes[Random.Shared.Next(account.Classes.Length)], StringComparison.Ordinal);
                await stats.TimeAsync(() => clients[account].GetAsync(path, ct));
                return;
            }
            await VisitAsync(clients[account], account, stats, Random.Shared, ct);
        };
        if (warmup > TimeSpan.Zero)
        {
            stats.Reset();
            await RunForAsync(vus, warmup, visit, thinkMs, random, stats);
            await Console.Error.WriteLineAsync($"échauffement ({warmup.TotalSeconds} s, non compté) : {stats.Summary(warmup)}");
        }
        stats.Reset();
        var start = CpuClock.Read(appPid);
        await RunForAsync(vus, duration, visit, thinkMs, random, stats);
        Console.WriteLine(stats.Summary(duration) + CpuClock.Read(appPid).Since(start, stats.Count));
        foreach (var client in clients.Values)
        {
            client.Dispose();
        }
        return 0;
    }

    private static async Task RunForAsync(int vus, TimeSpan duration, Func<int, CancellationToken, Task> visit, double thinkMs, Random random, Stats stats)
    {
        using var stop = new CancellationTokenSource(duration);
        using var _ = stop.Token.Register(stats.Stopping);
        var seeds = Enumerable.Range(0, vus).Select(_ => random.Next()).ToArray();
        await Task.WhenAll(Enumerable.Range(0, vus).Select(vu => Task.Run(async () =>
        {
            var own = new Random(seeds[vu]);
            // Spread the start of idle users over one think time, as evening users arrive over time.
            if (thinkMs > 0)
            {
                await Delay(own.NextDouble() * thinkMs, stop.Token);
            }
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await visit(vu, stop.Token);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    return;
                }
                if (thinkMs > 0)
                {
                    await Delay(-Math.Log(1 - own.NextDouble()) * thinkMs, stop.Token);
                }
            }
        })));
    }

    private static async Task Delay(double ms, CancellationToken ct)
    {
        try
        {
            await Task.Delay(TimeSpan.FromMilliseconds(ms), ct);
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>
    /// One visit, weighted like the evening: the home page, a child's liaison notes (signing one), the cahier de textes
    /// (what is due tomorrow), the inbox (reading a message), the class blog, a photo album (and a thumbnail), the
    /// agenda, the notifications. Teachers also write a liaison note or the day's homework.
    /// </summary>
    private static async Task VisitAsync(HttpClient client, Account account, Stats stats, Random random, CancellationToken ct)
    {
        var classId = account.Classes[random.Next(account.Classes.Length)];
        var roll = random.Next(100);
        if (account.Kind == "teacher" && roll < 15)
        {
            await (roll < 10 ? WriteNoteAsync(client, classId, stats, ct) : WriteHomeworkAsync(client, classId, stats, ct));
            return;
        }
        if (roll < 30)
        {
            await stats.TimeAsync(() => client.GetAsync("/", ct));
        }
        else if (roll < 50)
        {
            var page = await stats.TimeTextAsync(() => client.GetAsync($"/classe/{classId}/liaison", ct), ct);
            var form = page is null ? null : SignForm().Match(page);
            if (form is { Success: true } && !form.Groups[2].Value.Contains("name=\"answer\"", StringComparison.Ordinal))
            {
                var fields = Hidden().Matches(form.Groups[2].Value).ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));
                await stats.TimeAsync(() => client.PostAsync(WebUtility.HtmlDecode(form.Groups[1].Value), new FormUrlEncodedContent(fields), ct));
            }
        }
        else if (roll < 65)
        {
            await stats.TimeAsync(() => client.GetAsync($"/classe/{classId}/cahier-de-textes", ct));
        }
        else if (roll < 80)
        {
            var inbox = await stats.TimeTextAsync(() => client.GetAsync("/messagerie", ct), ct);
            var link = inbox is null ? null : MessageLink().Match(inbox);
            if (link is { Success: true })
            {
                await stats.TimeAsync(() => client.GetAsync($"/messagerie/{link.Groups[1].Value}", ct));
            }
        }
        else if (roll < 88)
        {
            // The blog tile answers with the blog's address, which the browser then opens.
            var blog = await stats.TimeLocationAsync(() => client.GetAsync($"/classe/{classId}/blog", ct));
            if (blog is not null)
            {
                await stats.TimeAsync(() => client.GetAsync(blog, ct));
            }
        }
        else if (roll < 93)
        {
            var list = await stats.TimeTextAsync(() => client.GetAsync($"/classe/{classId}/albums", ct), ct);
            var album = list is null ? null : AlbumLink().Match(list);
            var page = album is { Success: true } ? await stats.TimeTextAsync(() => client.GetAsync($"/albums/{album.Groups[1].Value}", ct), ct) : null;
            var thumb = page is null ? null : Thumbnail().Match(page);
            if (thumb is { Success: true })
            {
                await stats.TimeAsync(() => client.GetAsync($"/fichiers/{thumb.Groups[1].Value}", ct));
            }
        }
        else if (roll < 97)
        {
            await stats.TimeAsync(() => client.GetAsync("/agenda", ct));
        }
        else
        {
            await stats.TimeAsync(() => client.GetAsync("/notifications", ct));
        }
    }

    /// <summary>The day's entry of the cahier de textes: work for the next day, for the whole class.</summary>
    private static async Task WriteHomeworkAsync(HttpClient client, string classId, Stats stats, CancellationToken ct)
    {
        var form = await stats.TimeTextAsync(() => client.GetAsync($"/classe/{classId}/cahier-de-textes/nouveau", ct), ct);
        var token = form is null ? null : Token().Match(form);
        var day = form is null ? null : EntryDay().Match(form);
        var subject = form is null ? null : SubjectOption().Match(form);
        if (token is not { Success: true } || day is not { Success: true } || subject is not { Success: true })
        {
            return;
        }
        var due = DateOnly.ParseExact(day.Groups[1].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture).AddDays(1);
        using var content = new MultipartFormDataContent
        {
            { new StringContent(day.Groups[1].Value), "Input.Day" },
            { new StringContent(subject.Groups[1].Value), "Input.SubjectId" },
            { new StringContent("Lire la page 12 et répondre aux trois questions."), "Input.Work" },
            { new StringContent(due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), "Input.DueOn" },
            { new StringContent("false"), "Input.HandIn" },
            { new StringContent("classe"), "Input.Recipients" },
            { new StringContent(WebUtility.HtmlDecode(token.Groups[1].Value)), "__RequestVerificationToken" },
        };
        await stats.TimeAsync(() => client.PostAsync($"/classe/{classId}/cahier-de-textes/nouveau", content, ct));
    }

    private static async Task WriteNoteAsync(HttpClient client, string classId, Stats stats, CancellationToken ct)
    {
        var form = await stats.TimeTextAsync(() => client.GetAsync($"/classe/{classId}/liaison/nouvelle", ct), ct);
        var token = form is null ? null : Token().Match(form);
        if (token is not { Success: true })
        {
            return;
        }
        using var content = new MultipartFormDataContent
        {
            { new StringContent("Mot du soir"), "Input.Title" },
            { new StringContent("Merci de signer ce mot pour demain."), "Input.Body" },
            { new StringContent("classe"), "Input.Recipients" },
            { new StringContent("false"), "Input.RequiresBothGuardians" },
            { new StringContent(WebUtility.HtmlDecode(token.Groups[1].Value)), "__RequestVerificationToken" },
        };
        await stats.TimeAsync(() => client.PostAsync($"/classe/{classId}/liaison/nouvelle", content, ct));
    }

    private static async Task<HttpClient?> SignInAsync(Uri baseUrl, string login, string password, CancellationToken ct)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, MaxConnectionsPerServer = 64 }) { BaseAddress = baseUrl, Timeout = RequestTimeout };
        var token = Token().Match(await client.GetStringAsync("/connexion", ct));
        using var response = await client.PostAsync("/connexion", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Login"] = login, ["Input.Password"] = password, ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
        }), ct);
        if (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.StartsWith("/connexion", StringComparison.Ordinal) != true)
        {
            return client;
        }
        client.Dispose();
        return null;
    }

    /// <summary>
    /// The machine's busy processor time (Linux /proc), this driver's own and the app's (when its process id is
    /// given), read at both ends of the measured window: what the rest of the machine spent (the database, on this
    /// one-machine bench) is the difference. Sign-ins and warm-up fall outside the window.
    /// </summary>
    private sealed record CpuClock(long MachineBusy, long Driver, long App)
    {
        private static readonly double MsPerTick = 1000.0 / 100;   // USER_HZ is 100 on Linux

        public static CpuClock Read(int appPid)
        {
            if (!File.Exists("/proc/stat"))
            {
                return new CpuClock(0, 0, 0);
            }
            var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
            // user nice system idle iowait irq softirq steal: busy is everything but idle and iowait.
            var busy = cpu.Take(8).Sum() - cpu[3] - cpu[4];
            return new CpuClock(busy, ProcessTicks(Environment.ProcessId), appPid > 0 ? ProcessTicks(appPid) : 0);
        }

        private static long ProcessTicks(int pid)
        {
            var path = $"/proc/{pid}/stat";
            if (!File.Exists(path))
            {
                return 0;
            }
            // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
            var fields = File.ReadAllText(path).Split(')').Last().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }

        public string Since(CpuClock start, int requests)
        {
            if (MachineBusy == 0 || requests == 0)
            {
                return "";
            }
            var served = (MachineBusy - start.MachineBusy) - (Driver - start.Driver);
            var app = App - start.App;
            var others = App == 0 ? "" : string.Create(CultureInfo.InvariantCulture,
                $" app_cpu_ms_per_req={app * MsPerTick / requests:F2} db_cpu_share={(served > 0 ? 100.0 * (served - app) / served : 0):F0}%");
            return string.Create(CultureInfo.InvariantCulture,
                $" cpu_ms_per_req={served * MsPerTick / requests:F2}{others} driver_cpu_ms_per_req={(Driver - start.Driver) * MsPerTick / requests:F2}");
        }
    }

    private sealed class Stats
    {
        public int Count => _ms.Count;

        public bool ByPage { get; init; }

        /// <summary>When set, every measured request (end time in Unix ms, latency, page) is written there, for time series.</summary>
        public string TraceFile { get; init; } = "";

        private ConcurrentBag<double> _ms = [];
        private ConcurrentBag<(string Page, double Ms, long EndedAt)> _pages = [];
        private ConcurrentDictionary<string, int> _kinds = new();
        private int _errors;

        public void Reset()
        {
            _ms = [];
            _pages = [];
            _kinds = new();
            _errors = 0;
            _stopping = false;
        }

        public void Error(string kind = "connexion")
        {
            Interlocked.Increment(ref _errors);
            _kinds.AddOrUpdate(kind, 1, (_, n) => n + 1);
        }

        public async Task TimeAsync(Func<Task<HttpResponseMessage>> request)
        {
            using var _ = await SendAsync(request);
        }

        /// <summary>A request answered by a redirect: where it leads (null when it did not redirect).</summary>
        public async Task<string?> TimeLocationAsync(Func<Task<HttpResponseMessage>> request)
        {
            using var response = await SendAsync(request);
            return response?.Headers.Location?.OriginalString;
        }

        public async Task<string?> TimeTextAsync(Func<Task<HttpResponseMessage>> request, CancellationToken ct)
        {
            using var response = await SendAsync(request);
            return response is { IsSuccessStatusCode: true } ? await response.Content.ReadAsStringAsync(ct) : null;
        }

        private async Task<HttpResponseMessage?> SendAsync(Func<Task<HttpResponseMessage>> request)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                var response = await request();
                await response.Content.LoadIntoBufferAsync();
                var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                _ms.Add(ms);
                if (ByPage)
                {
                    _pages.Add(($"{response.RequestMessage?.Method} {Shape(response.RequestMessage?.RequestUri)} {(int)response.StatusCode}", ms, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
                }
                // Pages answer 200, form posts redirect; anything else (403, 404, 5xx) is an error of the run.
                if ((int)response.StatusCode >= 400)
                {
                    Error($"{(int)response.StatusCode} {response.RequestMessage?.Method} {Shape(response.RequestMessage?.RequestUri)}");
                }
                return response;
            }
            catch (HttpRequestException e)
            {
                Error(e.HttpRequestError.ToString());
                return null;
            }
            catch (TaskCanceledException e) when (e.InnerException is TimeoutException)
            {
                Error("délai dépassé");
                return null;
            }
            catch (TaskCanceledException) when (_stopping)
            {
                // The run's end cancelled it: not an error of the platform.
                return null;
            }
        }

        private volatile bool _stopping;

        public void Stopping() => _stopping = true;

        /// <summary>A request's path with its identifiers replaced, to group errors by page.</summary>
        private static string Shape(Uri? uri) => uri is null ? "?"
            : Regex.Replace(Regex.Replace(uri.AbsolutePath, "[0-9a-f]{8}-[0-9a-f-]{27}", "{id}"), "^/(blogs|fichiers)/[^/]+", "/$1/{id}");

        private static double Percentile(List<double> sorted, double p) =>
            sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

        public string Summary(TimeSpan duration)
        {
            foreach (var (kind, n) in _kinds.OrderByDescending(k => k.Value).Take(8))
            {
                Console.Error.WriteLine($"  erreur {kind} : {n}");
            }
            var sorted = _ms.Order().ToList();
            double P(double p) => Percentile(sorted, p);
            if (ByPage && TraceFile.Length > 0)
            {
                File.WriteAllLines(TraceFile, _pages.OrderBy(p => p.EndedAt).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.EndedAt};{p.Ms:F1};{p.Page}")));
            }
            if (ByPage)
            {
                foreach (var page in _pages.GroupBy(p => p.Page).OrderByDescending(g => g.Count()))
                {
                    var times = page.Select(p => p.Ms).Order().ToList();
                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  {page.Key,-48} n={times.Count,6} p50={Percentile(times, 0.5),7:F1} p95={Percentile(times, 0.95),7:F1} p99={Percentile(times, 0.99),7:F1} max={times[^1],7:F1}"));
                }
            }
            return string.Create(CultureInfo.InvariantCulture,
                $"requests={sorted.Count} rps={sorted.Count / duration.TotalSeconds:F1} p50_ms={P(0.50):F1} p95_ms={P(0.95):F1} p99_ms={P(0.99):F1} errors={_errors}");
        }
    }
}
