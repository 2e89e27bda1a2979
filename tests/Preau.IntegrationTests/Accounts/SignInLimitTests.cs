using System.Net;
using System.Security.Cryptography;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Preau.IntegrationTests.Infrastructure;
using Preau.Web.Modules.Accounts.Data;
using Preau.Web.Modules.Accounts.Login;

namespace Preau.IntegrationTests.Accounts;

/// <summary>
/// Failed sign-ins are limited per client address, counted in the login trail by every instance (ADR 0030); successes
/// never count, so a class signing in from its school's one address is not held back.
/// </summary>
public sealed class SignInLimitTests(TestApp app)
{
    /// <summary>One instance of the app; two of them on the same database play two instances behind one proxy.</summary>
    private WebApplicationFactory<Program> Instance(int failedPerMinute = 3, int atOnce = 2, IPasswordHasher<PreauUser>? hasher = null) => app.WithWebHostBuilder(b =>
    {
        if (hasher is not null)
        {
            b.ConfigureTestServices(s => s.AddSingleton(hasher));
        }
        b.UseSetting("Preau:Security:FailedLoginsPerMinute", failedPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        b.UseSetting("Preau:Security:SignInsAtOncePerAddress", atOnce.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // Enough requests admitted at once for every sign-in of a test to reach the form, whatever the machine's cores.
        b.UseSetting("Preau:Http:MaxConcurrentRequests", "32");
        // The reset forms' attempts per minute, as low: the sign-in form must not be under that limit.
        b.UseSetting("Preau:Security:LoginAttemptsPerMinute", failedPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        b.ConfigureServices(s => s.AddSingleton<IStartupFilter, RemoteAddressFromHeader>());
    });

    /// <summary>An address of the documentation range, its own for each test so that parallel tests share no count.</summary>
    private static string NewAddress()
    {
        var bytes = RandomNumberGenerator.GetBytes(16);
        bytes[0] = 0x20;
        bytes[1] = 0x01;
        bytes[2] = 0x0d;
        bytes[3] = 0xb8;
        return new IPAddress(bytes).ToString();
    }

    private static HttpClient ClientFrom(WebApplicationFactory<Program> instance, string address)
    {
        var client = instance.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(RemoteAddressFromHeader.Header, address);
        return client;
    }

    private static UserSession From(WebApplicationFactory<Program> instance, string address) => new(ClientFrom(instance, address));

    private Task<int> FailuresFromAsync(string address) => app.WithDbAsync(db => db.LoginEvents
        .CountAsync(e => e.Ip == address && (e.Outcome == LoginOutcome.BadCredentials || e.Outcome == LoginOutcome.LockedOut)));

    [DbFact]
    public async Task SignIn_AWholeClassFromTheSchoolsOneAddress_IsNeverHeldBack_BySuccessesOrAFewMistakes()
    {
        await using var instance = Instance(failedPerMinute: 3);
        var school = SchoolBuilder.NewTag();
        var people = new PeopleBatch(app, school);
        var pupils = Enumerable.Range(0, 8).Select(i => people.Pupil($"Eleve{i}")).ToList();
        await app.WithDbAsync(people.SaveAsync);
        var address = NewAddress();

        var answers = new List<HttpStatusCode>();
        foreach (var (pupil, i) in pupils.Select((p, i) => (p, i)))
        {
            using var session = From(instance, address);
            if (i is 2 or 5)
            {
                // Two six-year-olds mistype once, then get it right.
                var mistake = await session.LoginAsync(pupil.Login, "soleil");
                Assert.Contains("Identifiant ou mot de passe incorrect", await UserSession.TextAsync(mistake));
            }
            answers.Add((await session.LoginAsync(pupil.Login, pupil.Password)).StatusCode);
        }

        // Eight sign-ins and two mistakes from one address, with a limit of three failures: everyone is in.
        Assert.All(answers, status => Assert.Equal(HttpStatusCode.Redirect, status));
        Assert.Equal(2, await FailuresFromAsync(address));
    }

    [DbFact]
    public async Task SignIn_AfterTooManyFailuresFromOneAddress_IsRefusedByEveryInstance_WithTheLoginKept_WhileOtherAddressesGoOn()
    {
        await using var instanceA = Instance(failedPerMinute: 3);
        await using var instanceB = Instance(failedPerMinute: 3);
        var school = await app.NewSchoolAsync();
        var guesser = NewAddress();
        using (var session = From(instanceA, guesser))
        {
            await session.LoginAsync(school.GuardianA.Login, "pas-le-bon");
            await session.LoginAsync(school.TeacherB.Login, "pas-le-bon");
            await session.LoginAsync("personne.inconnue" + school.Tag, "pas-le-bon");
        }

        using var onA = From(instanceA, guesser);
        var refused = await onA.LoginAsync(school.TeacherA.Login, school.TeacherA.Password);
        using var onB = From(instanceB, guesser);
        var refusedOnB = await onB.LoginAsync(school.TeacherA.Login, school.TeacherA.Password);
        using var elsewhere = From(instanceB, NewAddress());
        var otherAddress = await elsewhere.LoginAsync(school.TeacherA.Login, school.TeacherA.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(60), refused.Headers.RetryAfter?.Delta);
        var page = new HtmlParser().ParseDocument(await refused.Content.ReadAsStringAsync());
        Assert.Contains("Trop d'essais manqués depuis cette connexion", page.Body!.TextContent);
        // The form comes back with what was typed, to try again in a minute.
        Assert.Equal(school.TeacherA.Login, page.QuerySelector("input[name='Input.Login']")?.GetAttribute("value"));
        Assert.Equal(HttpStatusCode.TooManyRequests, refusedOnB.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, otherAddress.StatusCode);
        // Refused before the account was looked at: the teacher's own failure count did not move.
        var teacher = await app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == school.TeacherA.Id));
        Assert.Equal(0, teacher.AccessFailedCount);
        // One refusal written by each instance (once a minute per address), nothing more.
        var rateLimited = await app.WithDbAsync(db => db.LoginEvents.CountAsync(e => e.Ip == guesser && e.Outcome == LoginOutcome.RateLimited));
        Assert.Equal(2, rateLimited);

        // A minute later the address may try again.
        await app.WithDbAsync(db => db.LoginEvents.Where(e => e.Ip == guesser)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.At, e => e.At.AddMinutes(-2))));
        using var later = From(instanceA, guesser);
        Assert.Equal(HttpStatusCode.Redirect, (await later.LoginAsync(school.TeacherA.Login, school.TeacherA.Password)).StatusCode);
    }

    [DbFact]
    public async Task SignIn_ABurstOfWrongPasswordsFromOneAddress_HashesNoMoreThanTheLimit_AndRefusesTheRest()
    {
        await using var instance = Instance(failedPerMinute: 3, atOnce: 1);
        var school = await app.NewSchoolAsync();
        var address = NewAddress();
        using var client = ClientFrom(instance, address);
        var form = new HtmlParser().ParseDocument(await client.GetStringAsync("/connexion"));
        var token = form.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;

        var burst = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => client.PostAsync("/connexion", new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", token),
            new("Input.Login", school.GuardianA.Login),
            new("Input.Password", "essai-au-hasard"),
        ]))));

        // One sign-in checked at once from this address: the first three are hashed and fail, every other is refused
        // (by the failure count, or at once when more than two were waiting).
        Assert.Equal(3, burst.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(9, burst.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests));
        Assert.Equal(3, await FailuresFromAsync(address));
        // Nine refusals, one line in the year-long trail: knocking again does not fill it.
        Assert.Equal(1, await app.WithDbAsync(db => db.LoginEvents.CountAsync(e => e.Ip == address && e.Outcome == LoginOutcome.RateLimited)));
        // Every refusal is the form again, with the identifier typed and why.
        foreach (var response in burst.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests))
        {
            var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
            Assert.Equal(school.GuardianA.Login, page.QuerySelector("form input[name='Input.Login']")?.GetAttribute("value"));
            Assert.Matches("Trop d'essais manqués|Beaucoup de personnes se connectent", page.Body!.TextContent);
        }
    }

    /// <summary>Holds the first password check until released, so that the sign-ins behind it wait their turn.</summary>
    private sealed class HeldHasher : IPasswordHasher<PreauUser>
    {
        private readonly PasswordHasher<PreauUser> _inner = new();
        private readonly ManualResetEventSlim _release = new();
        private int _checks;

        public TaskCompletionSource FirstCheckStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => _release.Set();

        public string HashPassword(PreauUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(PreauUser user, string hashedPassword, string providedPassword)
        {
            if (Interlocked.Increment(ref _checks) == 1)
            {
                FirstCheckStarted.SetResult();
                _release.Wait(TimeSpan.FromSeconds(30));
            }
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    [DbFact]
    public async Task SignIn_OneTooManyWaitingFromOneAddress_GetsTheFormBack_WithItsLoginAndWhenToClickAgain_ThenSignsIn()
    {
        var hasher = new HeldHasher();
        await using var instance = Instance(failedPerMinute: 100, atOnce: 1, hasher: hasher);
        var school = await app.NewSchoolAsync();
        var address = NewAddress();
        var slots = instance.Services.GetRequiredService<SignInSlots>();

        // One password checked at a time for this address, two waiting: a class clicking « Se connecter » together.
        using var first = From(instance, address);
        var firstIn = first.LoginAsync(school.PupilA.Login, school.PupilA.Password);
        await hasher.FirstCheckStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        using var second = From(instance, address);
        using var third = From(instance, address);
        var waiting = new[] { second.LoginAsync(school.GuardianA.Login, school.GuardianA.Password), third.LoginAsync(school.PupilB.Login, school.PupilB.Password) };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (slots.Waiting(IPAddress.Parse(address)) < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }
        using var fourth = From(instance, address);
        var turnedAway = await fourth.LoginAsync(school.TeacherA.Login, school.TeacherA.Password);
        hasher.Release();
        var signedIn = await Task.WhenAll(waiting.Prepend(firstIn));

        // The fourth gets the form back at once, with what was typed and a short wait, not an error page.
        Assert.Equal(HttpStatusCode.TooManyRequests, turnedAway.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(SignInSlots.RetryAfterSeconds), turnedAway.Headers.RetryAfter?.Delta);
        var page = new HtmlParser().ParseDocument(await turnedAway.Content.ReadAsStringAsync());
        Assert.Contains("Beaucoup de personnes se connectent en même temps depuis votre réseau", page.Body!.TextContent);
        Assert.Equal(school.TeacherA.Login, page.QuerySelector("form input[name='Input.Login']")?.GetAttribute("value"));
        // Those that waited are in; clicking again a moment later lets the fourth in too.
        Assert.All(signedIn, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        Assert.Equal(HttpStatusCode.Redirect, (await fourth.LoginAsync(school.TeacherA.Login, school.TeacherA.Password)).StatusCode);
        // Turned away for being busy is not a failure: the address's failure budget is untouched.
        Assert.Equal(0, await FailuresFromAsync(address));
    }

    [DbFact]
    public async Task FailedSignInsOfAnAddress_AreCountedThroughThePartialIndex_NotTheYearOfSuccesses()
    {
        var address = NewAddress();
        var since = DateTime.UtcNow.AddMinutes(-1);

        var (sql, plan) = await PlanAsync(db => FailedSignIns.FailuresOf(db, address, since));
        // The same search over every sign-in cannot use that index: the check below tells the two apart.
        var (_, planOfAll) = await PlanAsync(db => db.LoginEvents.Where(e => e.Ip == address && e.At >= since).Select(e => e.Id));

        // The partial index is used only when the query states its filter: SQLite wants the very same terms.
        Assert.Contains(FailedSignIns.FailureFilterSql, sql);
        Assert.True(plan.Contains("IX_accounts_login_events_Ip_At", StringComparison.Ordinal), plan);
        Assert.False(planOfAll.Contains("IX_accounts_login_events_Ip_At", StringComparison.Ordinal), planOfAll);
    }

    private Task<(string Sql, string Plan)> PlanAsync(Func<Preau.Web.Platform.Data.PreauDbContext, IQueryable<long>> build) => app.WithDbAsync(async db =>
    {
        var query = build(db);
        await using var transaction = await db.Database.BeginTransactionAsync();
        await using var command = query.CreateDbCommand();
        command.Transaction = transaction.GetDbTransaction();
#if POSTGRES
        // On a small table the planner would read it whole anyway; forbidding that shows which index it can use.
        await db.Database.ExecuteSqlRawAsync("SET LOCAL enable_seqscan = off");
        command.CommandText = "EXPLAIN " + command.CommandText;
#else
        command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
#endif
        var lines = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                lines.Add(string.Join(' ', Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetValue(i)?.ToString())));
            }
        }
        return (query.ToQueryString(), string.Join('\n', lines));
    });
}
