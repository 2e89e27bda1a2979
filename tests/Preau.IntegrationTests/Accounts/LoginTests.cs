using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Preau.IntegrationTests.Infrastructure;
using Preau.Web.Modules.Accounts.Data;

namespace Preau.IntegrationTests.Accounts;

public sealed class LoginTests(TestApp app)
{
    [DbFact]
    public async Task Login_WithRightPassword_LandsOnHomeWithSpaces()
    {
        var school = await app.NewSchoolAsync();
        using var session = app.NewSession();

        var response = await session.LoginAsync(school.TeacherA.Login, school.TeacherA.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        var (status, home) = await session.GetPageAsync("/");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(school.ClassA.Name, UserSession.Text(home));
        Assert.DoesNotContain(school.ClassB.Name, UserSession.Text(home));
    }

    [DbFact]
    public async Task Login_WithWrongPassword_ShowsGenericMessageAndIsAudited()
    {
        var school = await app.NewSchoolAsync();
        using var session = app.NewSession();

        var response = await session.LoginAsync(school.TeacherA.Login, "pas-le-bon");
        var unknown = await session.LoginAsync("personne.inconnue" + school.Tag, "pas-le-bon");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await UserSession.TextAsync(response);
        var unknownBody = await UserSession.TextAsync(unknown);
        Assert.Contains("Identifiant ou mot de passe incorrect", body);
        Assert.Contains("Identifiant ou mot de passe incorrect", unknownBody);
        var events = await app.WithDbAsync(db => db.LoginEvents.Where(e => e.UserId == school.TeacherA.Id).ToListAsync());
        Assert.Contains(events, e => e.Outcome == LoginOutcome.BadCredentials);
    }

    [DbFact]
    public async Task Login_AfterFiveFailures_IsLockedEvenWithRightPassword()
    {
        var school = await app.NewSchoolAsync();
        using var session = app.NewSession();
        for (var i = 0; i < 5; i++)
        {
            await session.LoginAsync(school.GuardianA.Login, "mauvais-mot-de-passe");
        }

        var response = await session.LoginAsync(school.GuardianA.Login, school.GuardianA.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Identifiant ou mot de passe incorrect", await UserSession.TextAsync(response));
        var events = await app.WithDbAsync(db => db.LoginEvents.Where(e => e.UserId == school.GuardianA.Id).ToListAsync());
        Assert.Contains(events, e => e.Outcome == LoginOutcome.LockedOut);
    }

    [DbFact]
    public async Task Pages_WhenAnonymous_RedirectToLogin()
    {
        var school = await app.NewSchoolAsync();
        using var session = app.NewSession();

        var response = await session.GetAsync($"/classe/{school.ClassA.Id}/services");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/connexion", response.Headers.Location?.ToString());
    }

    [DbFact]
    public async Task Logout_EndsTheSession()
    {
        var school = await app.NewSchoolAsync();
        using var session = app.NewSession();
        await session.LoginAsync(school.PupilA.Login, school.PupilA.Password);

        var response = await session.SubmitAsync("/deconnexion");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await session.GetAsync("/")).StatusCode);
    }

    [DbFact]
    public async Task SignOutOfAllDevices_EndsEveryOtherSession()
    {
        var school = await app.NewSchoolAsync();
        using var phone = app.NewSession();
        using var computer = app.NewSession();
        await phone.LoginAsync(school.GuardianA.Login, school.GuardianA.Password);
        await computer.LoginAsync(school.GuardianA.Login, school.GuardianA.Password);
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("/")).StatusCode);

        await computer.SubmitAsync("/compte/securite", [], "form[action*=SignOutEverywhere]");

        Assert.Equal(HttpStatusCode.Redirect, (await phone.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await computer.GetAsync("/")).StatusCode);
    }

    [DbFact]
    public async Task Login_OfDisabledAccount_IsRefused()
    {
        var adult = await app.NewAdultAsync(u => u.IsDisabled = true);
        using var session = app.NewSession();

        var response = await session.LoginAsync(adult.Login, adult.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Identifiant ou mot de passe incorrect", await UserSession.TextAsync(response));
    }

    private sealed class CountingHasher : IPasswordHasher<PreauUser>
    {
        private readonly PasswordHasher<PreauUser> _inner = new();
        private int _verified;

        public int Verified => _verified;

        public string HashPassword(PreauUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(PreauUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verified);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    [DbFact]
    public async Task Login_WithAnUnknownOrDisabledIdentifier_ChecksAPasswordAsAWrongPasswordDoes_SoTheTimeTellsNothing()
    {
        var hasher = new CountingHasher();
        await using var instance = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IPasswordHasher<PreauUser>>(hasher)));
        var school = await app.NewSchoolAsync();
        var disabled = await app.NewAdultAsync(u => u.IsDisabled = true);
        using var session = new UserSession(instance.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));
        var checks = new List<int>();
        foreach (var login in new[] { school.TeacherA.Login, "personne.inconnue" + school.Tag, disabled.Login })
        {
            var before = hasher.Verified;
            var response = await session.LoginAsync(login, "pas-le-bon");
            Assert.Contains("Identifiant ou mot de passe incorrect", await UserSession.TextAsync(response));
            checks.Add(hasher.Verified - before);
        }

        // A wrong password, an identifier nobody has and a disabled account: one password check each.
        Assert.Equal([1, 1, 1], checks);
    }

    [DbFact]
    public async Task Login_WithStaySignedIn_KeepsAnAdultSignedInForAMonth_ButNeverAPupil()
    {
        var school = await app.NewSchoolAsync();
        string? SessionCookie(HttpResponseMessage response) =>
            response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies.FirstOrDefault(c => c.StartsWith("preau.session=", StringComparison.Ordinal)) : null;
        DateTimeOffset? Expires(string cookie) => cookie.Split(';').Select(p => p.Trim())
            .Where(p => p.StartsWith("expires=", StringComparison.OrdinalIgnoreCase))
            .Select(p => (DateTimeOffset?)DateTimeOffset.Parse(p["expires=".Length..], System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();

        using var phone = app.NewSession();
        var (_, form) = await phone.GetPageAsync("/connexion");
        var remembered = await phone.SubmitAsync("/connexion", ("Input.Login", school.GuardianA.Login), ("Input.Password", school.GuardianA.Password), ("Input.Remember", "true"));
        using var borrowed = app.NewSession();
        var forTheSession = await borrowed.LoginAsync(school.TeacherA.Login, school.TeacherA.Password);
        using var classroom = app.NewSession();
        var pupil = await classroom.SubmitAsync("/connexion", ("Input.Login", school.PupilA.Login), ("Input.Password", school.PupilA.Password), ("Input.Remember", "true"));

        // The choice is on the form, labelled, with what it means.
        Assert.NotNull(form.QuerySelector("label[for='Input_Remember']"));
        Assert.Contains("pas à l'école", UserSession.Text(form));
        var expires = Expires(SessionCookie(remembered)!);
        Assert.NotNull(expires);
        Assert.InRange(expires.Value, DateTimeOffset.UtcNow.AddDays(29), DateTimeOffset.UtcNow.AddDays(31));
        // Without the choice, and for a pupil whatever they tick, the session ends with the browser.
        Assert.Null(Expires(SessionCookie(forTheSession)!));
        Assert.Null(Expires(SessionCookie(pupil)!));
        Assert.Equal(HttpStatusCode.OK, (await phone.GetPageAsync("/")).Status);
    }
}
