using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using Npgsql;
using Preau.IntegrationTests.Infrastructure;

namespace Preau.IntegrationTests.Operations.Processes;

/// <summary>
/// A throw-away deployment for the process tests: a fresh PostgreSQL database, an SMTP sink, shared files and data
/// folders, and the settings every instance gets; plus what the tests do over real HTTP with the demo accounts.
/// </summary>
internal sealed partial class Deployment : IAsyncDisposable
{
    public const string DemoPassword = "Preau-Demo-2026";
    private readonly TestDatabase _database;
    private readonly string _folder = Topology.NewTempFolder("deploy");

    private Deployment(TestDatabase database, SmtpSink smtp)
    {
        _database = database;
        Smtp = smtp;
    }

    public SmtpSink Smtp { get; }
    public string ConnectionString => _database.ConnectionString;

    public static async Task<Deployment> CreateAsync(string? serverConnectionString = null)
    {
        var database = TestDatabase.Create(serverConnectionString);
        await database.CreateAsync();
        var smtp = new SmtpSink();
        await smtp.StartAsync();
        return new Deployment(database, smtp);
    }

    /// <summary>The environment of one instance: its own data folder, the shared files store, the database, mail to the sink.</summary>
    public Dictionary<string, string?> Settings(string instance, bool seedDemo, string? redis = null, string? publicUrl = null) => new()
    {
        ["Preau__Database__Provider"] = "Postgres",
        ["ConnectionStrings__Preau"] = ConnectionString,
        ["ConnectionStrings__Redis"] = redis,
        ["Preau__DataPath"] = Path.Combine(_folder, instance),
        ["Preau__Files__Path"] = Path.Combine(_folder, "files"),
        ["Preau__Demo__SeedOnFirstStart"] = seedDemo ? "true" : "false",
        ["Preau__Backups__Scheduled"] = "false",
        ["Preau__Files__Cleanup"] = "false",
        ["Preau__Mail__SmtpHost"] = "127.0.0.1",
        ["Preau__Mail__SmtpPort"] = Smtp.Port.ToString(CultureInfo.InvariantCulture),
        ["Preau__Notifications__PollSeconds"] = "1",
        ["Preau__Notifications__LeaseSeconds"] = "20",
        ["Preau__Security__LoginAttemptsPerMinute"] = "100000",
        ["Preau__Security__FailedLoginsPerMinute"] = "100000",
        ["Preau__Security__SignInsAtOncePerAddress"] = "1000",
        ["Preau__Metrics__Enabled"] = "true",
        ["Preau__PublicUrl"] = publicUrl,
    };

    public static UserSession Session(Uri address, CookieContainer cookies) =>
        new(new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, UseCookies = true, AllowAutoRedirect = false })
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromSeconds(30),
        });

    /// <summary>Signs a demo account in and accepts the charter (asked at every first login).</summary>
    public static async Task SignInAsync(UserSession session, string login)
    {
        var response = await session.LoginAsync(login, DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        using var home = await session.GetAsync("/");
        if (home.Headers.Location?.OriginalString == "/compte/charte")
        {
            Assert.Equal(HttpStatusCode.Redirect, (await session.SubmitAsync("/compte/charte", ("accept", "true"))).StatusCode);
        }
    }

    /// <summary>
    /// Reads a form with <paramref name="reader"/> and posts it with <paramref name="poster"/>: with two instances, the
    /// antiforgery token one issued must be accepted by the other.
    /// </summary>
    public static async Task<HttpResponseMessage> SubmitAcrossAsync(UserSession reader, UserSession poster, string url, params (string Name, string Value)[] fields)
    {
        var (status, doc) = await reader.GetPageAsync(url);
        Assert.Equal(HttpStatusCode.OK, status);
        var form = doc.QuerySelectorAll("main form[method=post]").OfType<IHtmlFormElement>().First();
        var values = form.QuerySelectorAll("input[type=hidden]").OfType<IHtmlInputElement>()
            .Where(i => !string.IsNullOrEmpty(i.Name) && fields.All(f => f.Name != i.Name))
            .Select(i => new KeyValuePair<string, string>(i.Name!, i.Value))
            .Concat(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        var action = form.GetAttribute("action");
        return await poster.Client.PostAsync(string.IsNullOrEmpty(action) ? url : action, new FormUrlEncodedContent(values));
    }

    /// <summary>The first class the signed-in teacher's home page links to.</summary>
    public static async Task<Guid> FirstClassAsync(UserSession teacher)
    {
        var (_, home) = await teacher.GetPageAsync("/");
        var match = ClassLink().Match(home.DocumentElement.OuterHtml);
        Assert.True(match.Success, "No class on the teacher's home page");
        return Guid.Parse(match.Groups[1].Value);
    }

    public async Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync())!, typeof(T), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Waits until every outbox row has been handled (sent or skipped) by some instance, as long as the rows left keep
    /// going down within <paramref name="stalled"/>: how many there are depends on how fast the machine wrote them.
    /// </summary>
    public async Task WaitForEmptyOutboxAsync(TimeSpan stalled)
    {
        var left = long.MaxValue;
        var progress = Stopwatch.StartNew();
        for (var pending = await PendingAsync(); pending > 0; pending = await PendingAsync())
        {
            if (pending < left)
            {
                (left, progress) = (pending, Stopwatch.StartNew());
            }
            Assert.True(progress.Elapsed < stalled, $"{pending} outbox rows left, none handled for {stalled.TotalSeconds} s.");
            await Task.Delay(250);
        }

        Task<long> PendingAsync() => ScalarAsync<long>("SELECT count(*) FROM notifications_outbox WHERE \"ProcessedAt\" IS NULL");
    }

    /// <summary>How many notification e-mails the outbox rows of a liaison note call for (adults with an address, default preference).</summary>
    public Task<long> ExpectedMailsAsync(string url) => ScalarAsync<long>("""
        SELECT count(*) FROM notifications_outbox o
        JOIN notifications_items i ON i."Id" = o."ItemId"
        JOIN accounts_users u ON u."Id" = o."PersonId"
        LEFT JOIN notifications_preferences p ON p."PersonId" = o."PersonId"
        WHERE i."Url" = @url AND NOT u."IsPupil" AND NOT u."IsDisabled" AND coalesce(u."Email", '') <> '' AND (p."PersonId" IS NULL OR p."Mode" = 1)
        """, ("url", url));

    public async ValueTask DisposeAsync()
    {
        await Smtp.DisposeAsync();
        await _database.DropAsync();
        RedisServer.TryDelete(_folder);
    }

    [GeneratedRegex("/classe/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})")]
    private static partial Regex ClassLink();
}
