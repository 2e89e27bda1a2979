using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Preau.IntegrationTests.Infrastructure;
using Preau.Web.Modules.Helpdesk.Data;
using Preau.Web.Modules.Notifications.Contracts;
using Preau.Web.Modules.People.Data;
using Preau.Web.Platform.Audit;

namespace Preau.IntegrationTests.Helpdesk;

/// <summary>The help desk through HTTP: who sees which ticket, escalation and return, remote assistance and its limits.</summary>
public sealed class HelpdeskTests(TestApp app)
{
    internal static async Task<Guid> FileTicketAsync(UserSession author, string subject, string from = "/messagerie")
    {
        using var response = await author.SubmitMultipartAsync($"/assistance/nouvelle?depuis={Uri.EscapeDataString(from)}", "#ticket-form",
            [("Input.Category", "1"), ("Input.Subject", subject), ("Input.Description", "Le message ne part pas.")], []);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return Guid.Parse(response.Headers.Location!.OriginalString.Split('/')[^1]);
    }

    /// <summary>Posts a handler of the ticket page with the page's antiforgery token (for handlers whose form is not shown).</summary>
    internal static async Task<HttpResponseMessage> PostHandlerAsync(UserSession session, Guid ticketId, string handler, params (string Name, string Value)[] fields)
    {
        var html = await session.Client.GetStringAsync($"/assistance/{ticketId}");
        var doc = new HtmlParser().ParseDocument(html);
        var token = doc.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var values = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).Append(new("__RequestVerificationToken", token));
        return await session.Client.PostAsync($"/assistance/{ticketId}?handler={handler}", new FormUrlEncodedContent(values));
    }

    [DbFact]
    public async Task A_long_ticket_shows_its_latest_exchanges_and_the_older_ones_a_page_at_a_time()
    {
        var s = await app.NewSchoolAsync();
        using var teacher = app.NewSession();
        await teacher.LoginAsync(s.TeacherA.Login, s.TeacherA.Password);
        var ticketId = await FileTicketAsync(teacher, "Conversation longue " + s.Tag);
        // Sixty replies over the weeks (written directly: the conversation is the arrangement, not what is tested).
        var start = await app.WithDbAsync(db => db.HelpdeskTicketEvents.Where(e => e.TicketId == ticketId).Select(e => e.At).MaxAsync());
        await app.WithDbAsync(async db =>
        {
            db.HelpdeskTicketEvents.AddRange(Enumerable.Range(1, 60).Select(i => new TicketEvent
            {
                TicketId = ticketId, ActorId = s.TeacherA.Id, Kind = TicketEventKind.Reply, Body = $"Réponse n°{i:00} {s.Tag}", At = start.AddHours(i),
            }));
            await db.SaveChangesAsync();
        });

        var (status, latest) = await teacher.GetPageAsync($"/assistance/{ticketId}");

        Assert.Equal(HttpStatusCode.OK, status);
        var shown = latest.QuerySelectorAll(".ticket-history > li").Select(li => li.TextContent).ToList();
        Assert.Equal(50, shown.Count);
        Assert.Contains($"Réponse n°60 {s.Tag}", shown[^1]);
        Assert.Contains($"Réponse n°11 {s.Tag}", shown[0]);
        var older = latest.QuerySelector("a[href^='?historique=2']")!;
        Assert.Contains("plus anciens", older.TextContent);

        var (_, earlier) = await teacher.GetPageAsync($"/assistance/{ticketId}?historique=2");
        var rest = earlier.QuerySelectorAll(".ticket-history > li").Select(li => li.TextContent).ToList();
        Assert.Equal(11, rest.Count);
        Assert.Contains($"Réponse n°10 {s.Tag}", rest[^1]);
        Assert.Null(earlier.QuerySelector("a[href^='?historique=3']"));
        Assert.NotNull(earlier.QuerySelector("a[href^='?#historique']"));
    }

    [DbFact]
    public async Task Level1_advisor_sees_only_the_tickets_of_their_circonscription()
    {
        var mine = await app.NewSchoolAsync();
        var other = await app.NewSchoolAsync();
        using var teacher = app.NewSession();
        await teacher.LoginAsync(mine.TeacherA.Login, mine.TeacherA.Password);
        var subject = "Messagerie bloquée " + mine.Tag;
        var ticketId = await FileTicketAsync(teacher, subject);

        var ticket = await app.WithDbAsync(db => db.HelpdeskTickets.SingleAsync(t => t.Id == ticketId));
        Assert.Equal(mine.District.Id, ticket.DistrictId);
        Assert.Equal("/messagerie", ticket.PageUrl);
        Assert.Equal(TicketLevel.Level1, ticket.Level);
        // The circonscription's advisor is told; the other one is not.
        var notified = await app.WithDbAsync(db => db.NotificationItems.Where(n => n.Kind == NotificationKind.Helpdesk && n.Url == $"/assistance/{ticketId}").Select(n => n.PersonId).ToListAsync());
        Assert.Contains(mine.Advisor.Id, notified);
        Assert.DoesNotContain(other.Advisor.Id, notified);

        using var advisor = app.NewSession();
        await advisor.LoginAsync(mine.Advisor.Login, mine.Advisor.Password);
        Assert.Contains(subject, UserSession.Text((await advisor.GetPageAsync("/assistance/traitement")).Document));
        Assert.Equal(HttpStatusCode.OK, (await advisor.GetPageAsync($"/assistance/{ticketId}")).Status);

        using var stranger = app.NewSession();
        await stranger.LoginAsync(other.Advisor.Login, other.Advisor.Password);
        Assert.DoesNotContain(subject, UserSession.Text((await stranger.GetPageAsync("/assistance/traitement?statut=toutes")).Document));
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetPageAsync($"/assistance/{ticketId}")).Status);

        // A colleague of the same school who did not file it sees nothing either, and has no queue.
        using var colleague = app.NewSession();
        await colleague.LoginAsync(mine.TeacherB.Login, mine.TeacherB.Password);
        Assert.Equal(HttpStatusCode.NotFound, (await colleague.GetPageAsync($"/assistance/{ticketId}")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await colleague.GetPageAsync("/assistance/traitement")).Status);
    }

    [DbFact]
    public async Task Escalation_to_level2_and_return_to_level1_move_the_ticket_and_who_may_handle_it()
    {
        var s = await app.NewSchoolAsync();
        var level2 = await app.NewAdminAsync(Role.Level2Support);
        using var teacher = app.NewSession();
        await teacher.LoginAsync(s.TeacherA.Login, s.TeacherA.Password);
        var ticketId = await FileTicketAsync(teacher, "Import impossible " + s.Tag);

        using var support = app.NewSession();
        await support.LoginAsync(level2.Login, level2.Password, level2.AuthenticatorKey);
        // Not escalated yet: level 2 does not see it.
        Assert.Equal(HttpStatusCode.NotFound, (await support.GetPageAsync($"/assistance/{ticketId}")).Status);

        using var advisor = app.NewSession();
        await advisor.LoginAsync(s.Advisor.Login, s.Advisor.Password);
        using (var r = await advisor.SubmitAsync($"/assistance/{ticketId}", [new("note", "Erreur serveur à l'import, à voir par les mainteneurs.")], "#escalate-form"))
        {
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        }
        var escalated = await app.WithDbAsync(db => db.HelpdeskTickets.SingleAsync(t => t.Id == ticketId));
        Assert.Equal(TicketLevel.Level2, escalated.Level);
        Assert.NotNull(escalated.EscalatedAt);
        Assert.True(await app.WithDbAsync(db => db.NotificationItems.AnyAsync(n => n.PersonId == level2.Id && n.Kind == NotificationKind.Helpdesk && n.Url == $"/assistance/{ticketId}")));
        // Level 1 no longer handles it: no answer from the advisor while it is at level 2.
        using (var r = await PostHandlerAsync(advisor, ticketId, "Escalate"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        }

        var page = await support.GetPageAsync($"/assistance/{ticketId}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Erreur serveur à l'import", UserSession.Text(page.Document));
        using (var r = await support.SubmitAsync($"/assistance/{ticketId}", [new("body", "Corrigé côté serveur, pouvez-vous réessayer ?")], "#reply-form"))
        {
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        }
        using (var r = await support.SubmitAsync($"/assistance/{ticketId}", [new("note", "Le correctif est en place.")], "#return-form"))
        {
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        }
        var returned = await app.WithDbAsync(db => db.HelpdeskTickets.SingleAsync(t => t.Id == ticketId));
        Assert.Equal(TicketLevel.Level1, returned.Level);
        Assert.NotNull(returned.FirstResponseAt);
        // Level 2 still follows it but no longer handles it; level 1 does again.
        using (var r = await PostHandlerAsync(support, ticketId, "Return"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        }
        using (var r = await advisor.SubmitAsync($"/assistance/{ticketId}", [new("status", "3")], "form[action*=Status]"))
        {
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        }

        var seen = UserSession.Text((await teacher.GetPageAsync($"/assistance/{ticketId}")).Document);
        Assert.Contains("Corrigé côté serveur, pouvez-vous réessayer ?", seen);
        var kinds = await app.WithDbAsync(db => db.HelpdeskTicketEvents.Where(e => e.TicketId == ticketId).OrderBy(e => e.At).Select(e => e.Kind).ToListAsync());
        Assert.Equal([TicketEventKind.Created, TicketEventKind.Escalated, TicketEventKind.Reply, TicketEventKind.ReturnedToLevel1, TicketEventKind.StatusChanged], kinds);
        using (var r = await teacher.SubmitAsync($"/assistance/{ticketId}", [new("score", "5"), new("comment", "Rapide.")], "#rate-form"))
        {
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        }
        Assert.Equal(5, await app.WithDbAsync(db => db.HelpdeskTickets.Where(t => t.Id == ticketId).Select(t => t.Satisfaction).SingleAsync()));
    }

    [DbFact]
    public async Task Audit_retention_deletes_only_events_older_than_one_year()
    {
        var now = DateTimeOffset.UtcNow;
        var tag = SchoolBuilder.NewTag();
        await app.WithDbAsync(async db =>
        {
            db.AuditEvents.AddRange(
                new AuditEvent { At = now.UtcDateTime.AddDays(-366), Action = "test.old", Details = tag },
                new AuditEvent { At = now.UtcDateTime.AddDays(-364), Action = "test.recent", Details = tag });
            await db.SaveChangesAsync();
        });
        await AuditRetention.PurgeAsync(app.Services.GetRequiredService<IServiceScopeFactory>(), new FakeTimeProvider(now), CancellationToken.None);
        var left = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.Details == tag).Select(e => e.Action).ToListAsync());
        Assert.Equal(["test.recent"], left);
    }
}
