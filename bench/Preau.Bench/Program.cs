using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

// The benchmark driver: talks HTTP to a running Préau like a browser would (cookies, antiforgery token) and
// reports, per person and page, the status, the database queries the page ran (Server-Timing header, on when the
// app runs with Preau__Diagnostics__ServerTiming=true) and the latency over repeated requests.
namespace Preau.Bench;

internal static partial class Program
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("db;desc=\"(\\d+) queries\";dur=([0-9.]+)")]
    private static partial Regex QueryCount();

    private static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "load")
        {
            return await Load.RunAsync(args[1..]);
        }
        if (args.Length == 0 || args[0] != "pages")
        {
            await Console.Error.WriteLineAsync("Usage : pages --base http://127.0.0.1:5080 --user login:motdepasse [--user …] --page /chemin [--page …] [--repeat 30] [--warmup 3]");
            await Console.Error.WriteLineAsync("        load --base http://127.0.0.1:5080 (--baseline | --users-file comptes.csv [--accounts 200]) [--vus 50] [--think-ms 0] [--warmup 0] [--duration 30]");
            return 2;
        }
        var options = Options.Parse(args[1..]);
        if (options.Users.Count == 0 || options.Pages.Count == 0)
        {
            await Console.Error.WriteLineAsync("Indiquez au moins un --user et une --page.");
            return 2;
        }
        Console.WriteLine("| Person | Page | Status | Queries | DB ms (last) | p50 ms | p95 ms | KiB |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        var failures = 0;
        foreach (var (login, password) in options.Users)
        {
            using var client = await SignInAsync(options.BaseUrl, login, password);
            if (client is null)
            {
                await Console.Error.WriteLineAsync($"Connexion refusée pour {login}.");
                failures++;
                continue;
            }
            foreach (var page in options.Pages.Select(p => p.Replace("{me}", login, StringComparison.Ordinal)))
            {
                var result = await MeasureAsync(client, page, options.Warmup, options.Repeat);
                failures += result.Status == 200 ? 0 : 1;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {login} | {page} | {result.Status} | {result.Queries?.ToString(CultureInfo.InvariantCulture) ?? "?"} | {result.DbMs:0.0} | {result.P50:0.0} | {result.P95:0.0} | {result.Bytes / 1024.0:0.0} |"));
            }
        }
        return failures == 0 ? 0 : 1;
    }

    private static async Task<HttpClient?> SignInAsync(Uri baseUrl, string login, string password)
    {
        var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        var client = new HttpClient(handler) { BaseAddress = baseUrl };
        var form = await client.GetStringAsync("/connexion");
        var token = AntiforgeryToken().Match(form);
        if (!token.Success)
        {
            client.Dispose();
            return null;
        }
        using var response = await client.PostAsync("/connexion", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Login"] = login,
            ["Input.Password"] = password,
            ["__RequestVerificationToken"] = token.Groups[1].Value,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.OriginalString.StartsWith("/connexion", StringComparison.Ordinal) == true)
        {
            client.Dispose();
            return null;
        }
        return client;
    }

    private static async Task<PageResult> MeasureAsync(HttpClient client, string page, int warmup, int repeat)
    {
        for (var i = 0; i < warmup; i++)
        {
            using var _ = await client.GetAsync(page);
        }
        var timings = new List<double>(repeat);
        int status = 0;
        int? queries = null;
        double dbMs = 0;
        long bytes = 0;
        for (var i = 0; i < repeat; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await client.GetAsync(page);
            var body = await response.Content.ReadAsByteArrayAsync();
            timings.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            status = (int)response.StatusCode;
            bytes = body.Length;
            if (response.Headers.TryGetValues("Server-Timing", out var values))
            {
                var match = QueryCount().Match(string.Join(',', values));
                queries = match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;
                dbMs = match.Success ? double.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) : 0;
            }
        }
        timings.Sort();
        return new PageResult(status, queries, dbMs, Percentile(timings, 0.50), Percentile(timings, 0.95), bytes);
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    private sealed record PageResult(int Status, int? Queries, double DbMs, double P50, double P95, long Bytes);

    private sealed class Options
    {
        public Uri BaseUrl { get; private set; } = new("http://127.0.0.1:5080");
        public List<(string Login, string Password)> Users { get; } = [];
        public List<string> Pages { get; } = [];
        public int Repeat { get; private set; } = 30;
        public int Warmup { get; private set; } = 3;

        public static Options Parse(string[] args)
        {
            var o = new Options();
            for (var i = 0; i + 1 < args.Length; i += 2)
            {
                var value = args[i + 1];
                switch (args[i])
                {
                    case "--base": o.BaseUrl = new Uri(value); break;
                    case "--user":
                        var colon = value.IndexOf(':', StringComparison.Ordinal);
                        o.Users.Add(colon > 0 ? (value[..colon], value[(colon + 1)..]) : (value, ""));
                        break;
                    case "--page": o.Pages.Add(value); break;
                    case "--repeat": o.Repeat = int.Parse(value, CultureInfo.InvariantCulture); break;
                    case "--warmup": o.Warmup = int.Parse(value, CultureInfo.InvariantCulture); break;
                    default: throw new ArgumentException($"Option inconnue : {args[i]}");
                }
            }
            return o;
        }
    }
}
