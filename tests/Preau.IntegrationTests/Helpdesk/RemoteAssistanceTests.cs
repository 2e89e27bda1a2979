using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Preau.IntegrationTests.Infrastructure;
using Preau.Web.Platform.Data;

namespace Preau.IntegrationTests.Helpdesk;

/// <summary>
/// Remote assistance on the shared database with the test's own clock: refused without the author's consent, running
/// as the author (banner, both names in the audit trail, account pages out of reach) once consented, ended by the
/// agent, and over by itself when the consent's time has passed.
/// </summary>
public sealed class RemoteAssistanceTests(TestApp app) : IAsyncDisposable
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private WebApplicationFactory<Program>? _factory;

    private WebApplicationFactory<Program> Factory => _factory ??= app.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<TimeProvider>(_clock)));

    private async Task<UserSession> SignInAsync(TestAccount who)
    {
        var session = new UserSession(Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));
        await session.LoginAsync(who.Login, who.Password, who.AuthenticatorKey);
        return session;
    }

    private Task<T> WithDbAsync<T>(Func<PreauDbContext, Task<T>> action) => app.WithDbAsync(action);

    [DbFact]
    public async Task Remote_assistance_is_refused_without_consent_runs_under_both_names_and_expires_after_the_consented_time()
    {
        var s = await app.NewSchoolAsync();
        using var teacher = await SignInAsync(s.TeacherA);
        var ticketId = await HelpdeskTests.FileTicketAsync(teacher, "Je ne trouve pas mes documents " + s.Tag, "/documents");
        using var advisor = await SignInAsync(s.Advisor);

        // No consent: refused, and the advisor stays themselves.
        using (var r = await HelpdeskTests.PostHandlerAsync(advisor, ticketId, "Impersonate"))
        {
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
            Assert.False(r.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("preau.acting=", StringComparison.Ordinal)));
        }
        Assert.Contains("n'a pas autorisé", UserSession.Text((await advisor.GetPageAsync($"/assistance/{ticketId}")).Document));
        Assert.Equal(0, await WithDbAsync(db => db.HelpdeskImpersonations.CountAsync(x => x.TicketId == ticketId)));

        // The teacher consents for 15 minutes; the advisor acts as the teacher.
        using (var r = await teacher.SubmitAsync($"/assistance/{ticketId}", [new("minutes", "15")], "#consent-form"))
        {
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        }
        using (var r = await advisor.SubmitAsync($"/assistance/{ticketId}", [], "#impersonate-form"))
        {
            Assert.Equal("/", r.Headers.Location?.OriginalString);
        }
        var home = await advisor.GetPageAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.Status);
        Assert.Contains("Vous agissez pour", UserSession.Text(home.Document));
        Assert.Contains(s.ClassA.Name, UserSession.Text(home.Document));
        // Account pages (password, 2FA) and the help desk stay out of reach while acting.
        var closed = await advisor.GetPageAsync("/compte/securite");
        Assert.Equal(HttpStatusCode.Forbidden, closed.Status);
        // A page of its own, in French, with the banner that ends the session.
        Assert.Contains("Pendant une prise en main à distance, cette page n'est pas accessible.", UserSession.Text(closed.Document));
        Assert.Contains("Vous agissez pour", UserSession.Text(closed.Document));
        Assert.Equal(HttpStatusCode.Forbidden, (await advisor.GetPageAsync("/assistance/traitement")).Status);

        var rows = await WithDbAsync(db => db.AuditEvents.Where(e => e.TargetId == ticketId && e.ImpersonatorId != null).ToListAsync());
        Assert.Contains(rows, e => e.Action == "impersonation.started");
        Assert.Contains(rows, e => e.Action == "impersonation.request" && e.Details!.StartsWith("GET / ", StringComparison.Ordinal));
        Assert.All(rows, e => Assert.Equal((s.TeacherA.Id, s.Advisor.Id), (e.ActorId!.Value, e.ImpersonatorId!.Value)));
        // Refused attempts are in the trail too.
        Assert.Contains(rows, e => e.Action == "impersonation.request" && e.Details == "GET /compte/securite → 403");
        // One row per request: the error page shown for it is not a request of its own.
        Assert.DoesNotContain(rows, e => e.Details!.Contains("/erreur", StringComparison.Ordinal));

        // Sixteen minutes later the consent has run out: the request does not run as the teacher, and the session is over.
        _clock.Advance(TimeSpan.FromMinutes(16));
        using (var r = await advisor.GetAsync("/"))
        {
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
            Assert.Equal($"/assistance/{ticketId}?fin=1", r.Headers.Location?.OriginalString);
        }
        Assert.True(await WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.TargetId == ticketId && e.Action == "impersonation.expired" && e.ImpersonatorId == s.Advisor.Id)));
        Assert.NotNull(await WithDbAsync(db => db.HelpdeskImpersonations.Where(x => x.TicketId == ticketId).Select(x => x.EndedAt).SingleAsync()));
        var after = await advisor.GetPageAsync("/assistance/traitement");
        Assert.Equal(HttpStatusCode.OK, after.Status);
        Assert.DoesNotContain("Vous agissez pour", UserSession.Text(after.Document));
        // And without a new consent it cannot start again.
        using (var r = await HelpdeskTests.PostHandlerAsync(advisor, ticketId, "Impersonate"))
        {
            Assert.False(r.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("preau.acting=", StringComparison.Ordinal)));
        }
    }

    [DbFact]
    public async Task The_agent_ends_remote_assistance_from_the_banner_and_the_journal_finds_it_under_both_names()
    {
        var s = await app.NewSchoolAsync();
        var admin = await app.NewAdminAsync();
        using var teacher = await SignInAsync(s.TeacherA);
        var ticketId = await HelpdeskTests.FileTicketAsync(teacher, "Aide pour le cahier de textes " + s.Tag);
        using (await teacher.SubmitAsync($"/assistance/{ticketId}", [new("minutes", "30")], "#consent-form"))
        {
        }
        using var advisor = await SignInAsync(s.Advisor);
        using (await advisor.SubmitAsync($"/assistance/{ticketId}", [], "#impersonate-form"))
        {
        }
        // Acting as the teacher, the agent opens her class's cahier de textes: her « new since the last visit » counts
        // are hers, so nothing is marked as seen (ADR 0036).
        Assert.Equal(HttpStatusCode.OK, (await advisor.GetAsync($"/classe/{s.ClassA.Id}/cahier-de-textes")).StatusCode);
        var marks = Factory.Services.GetRequiredService<Preau.Web.Modules.Home.Newness.VisitMarks>();
        Assert.Empty(marks.PendingFor(s.TeacherA.Id));
        await app.WithDbAsync(db => marks.FlushAsync(db));
        Assert.False(await WithDbAsync(db => db.VisitMarks.AnyAsync(v => v.PersonId == s.TeacherA.Id || v.PersonId == s.Advisor.Id)));
        using (var r = await advisor.SubmitAsync("/", [], "form[action='/assistance/prise-en-main/terminer']"))
        {
            Assert.Equal($"/assistance/{ticketId}", r.Headers.Location?.OriginalString);
        }
        var back = await advisor.GetPageAsync($"/assistance/{ticketId}");
        Assert.Equal(HttpStatusCode.OK, back.Status);
        Assert.DoesNotContain("Vous agissez pour", UserSession.Text(back.Document));
        Assert.True(await WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.TargetId == ticketId && e.Action == "impersonation.ended" && e.ActorId == s.TeacherA.Id && e.ImpersonatorId == s.Advisor.Id)));

        using var operatorSession = await SignInAsync(admin);
        var journal = UserSession.Text((await operatorSession.GetPageAsync($"/admin/journal?acteur={s.Advisor.Login}&cible={ticketId}")).Document);
        Assert.Contains("impersonation.started", journal);
        Assert.Contains("par l'agent " + s.Advisor.Login, journal);
        Assert.Contains(s.TeacherA.Login, journal);
    }

    [DbFact]
    public async Task Remote_assistance_is_never_possible_on_an_administrator_account()
    {
        var admin = await app.NewAdminAsync();
        using var adminSession = await SignInAsync(admin);
        var ticketId = await HelpdeskTests.FileTicketAsync(adminSession, "Question d'administration");
        using (var r = await HelpdeskTests.PostHandlerAsync(adminSession, ticketId, "Consent", ("minutes", "30")))
        {
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        }
        Assert.Equal(0, await WithDbAsync(db => db.HelpdeskConsents.CountAsync(c => c.TicketId == ticketId)));
        var other = await app.NewAdminAsync();
        using var otherSession = await SignInAsync(other);
        using (var r = await HelpdeskTests.PostHandlerAsync(otherSession, ticketId, "Impersonate"))
        {
            Assert.False(r.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("preau.acting=", StringComparison.Ordinal)));
        }
        Assert.Equal(0, await WithDbAsync(db => db.HelpdeskImpersonations.CountAsync(x => x.TicketId == ticketId)));
    }

    public async ValueTask DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }
}
