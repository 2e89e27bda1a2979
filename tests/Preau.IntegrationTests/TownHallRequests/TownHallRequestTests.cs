using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Preau.IntegrationTests.Infrastructure;
using Preau.IntegrationTests.People;
using Preau.Web.Modules.Notifications.Contracts;
using Preau.Web.Modules.TownHallRequests.Data;
using SkiaSharp;

namespace Preau.IntegrationTests.TownHallRequests;

/// <summary>Requests to the town hall over HTTP: who sees which request, internal notes, statuses, photos, the average time to close.</summary>
public sealed class TownHallRequestTests(TestApp app)
{
    private async Task<UserSession> SignInAsync(TestAccount who)
    {
        var session = app.NewSession();
        await session.LoginAsync(who.Login, who.Password);
        return session;
    }

    private Task<Guid> TypeIdAsync(Guid authorityId, RequestCategory category) =>
        app.WithDbAsync(db => db.TownHallTypes.Where(t => t.LocalAuthorityId == authorityId && t.Category == category).Select(t => t.Id).SingleAsync());

    /// <summary>Files a request through the form (the page seeds the collectivité's types) and answers its id.</summary>
    internal static async Task<Guid> FileAsync(UserSession who, TestSchool s, Func<Task<Guid>> typeId, string title,
        RequestUrgency urgency = RequestUrgency.Normal, params (string Name, byte[] Content)[] photos)
    {
        var form = $"/ecole/{s.School.Id}/demandes-mairie/nouvelle";
        Assert.Equal(HttpStatusCode.OK, (await who.GetAsync(form)).StatusCode);
        var response = await who.SubmitMultipartAsync(form, "#new-request",
            [("Input.TypeId", (await typeId()).ToString()), ("Input.Title", title), ("Input.Description", "Description de " + title), ("Input.Urgency", urgency.ToString())],
            photos.Select(p => ("Input.Photos", p.Name, p.Content)));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return Guid.Parse(response.Headers.Location!.OriginalString[^36..]);
    }

    private Task<Guid> RepairAsync(TestSchool s) => TypeIdAsync(s.Commune.Id, RequestCategory.Repair);

    private static Task<HttpResponseMessage> StatusAsync(UserSession who, Guid id, RequestStatus to, string message = "") =>
        who.SubmitAsync($"/demandes-mairie/{id}", [new("to", to.ToString()), new("message", message)], "#status-form");

    private Task<RequestStatus> StatusOfAsync(Guid id) => app.WithDbAsync(db => db.TownHallRequests.Where(r => r.Id == id).Select(r => r.Status).SingleAsync());

    [DbFact]
    public async Task Agent_sees_only_the_requests_of_their_collectivite_and_gets_404_for_another()
    {
        var s = await app.NewSchoolAsync();
        var other = await app.NewSchoolAsync();
        using var director = await SignInAsync(s.Director);
        var id = await FileAsync(director, s, () => RepairAsync(s), "Fuite au plafond " + s.Tag);

        using var agent = await SignInAsync(s.Agent);
        var (status, list) = await agent.GetPageAsync($"/collectivite/{s.Commune.Id}/demandes");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Fuite au plafond " + s.Tag, UserSession.Text(list));
        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync($"/demandes-mairie/{id}")).StatusCode);

        using var otherAgent = await SignInAsync(other.Agent);
        Assert.Equal(HttpStatusCode.NotFound, (await otherAgent.GetAsync($"/demandes-mairie/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherAgent.GetAsync($"/collectivite/{s.Commune.Id}/demandes")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherAgent.GetAsync($"/collectivite/{s.Commune.Id}/demandes/types")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ForgedStatusAsync(otherAgent, id, RequestStatus.InProgress, $"/collectivite/{other.Commune.Id}/demandes/types")).StatusCode);
        var (_, ownList) = await otherAgent.GetPageAsync($"/collectivite/{other.Commune.Id}/demandes");
        Assert.DoesNotContain("Fuite au plafond " + s.Tag, UserSession.Text(ownList));
        Assert.Equal(RequestStatus.New, await StatusOfAsync(id));
    }

    /// <summary>Posts a status change the page did not offer, with the antiforgery token of a page the person may open.</summary>
    private static async Task<HttpResponseMessage> ForgedStatusAsync(UserSession who, Guid id, RequestStatus to, string tokenPage)
    {
        var (_, doc) = await who.GetPageAsync(tokenPage);
        var token = doc.QuerySelector("main input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? "";
        return await who.Client.PostAsync($"/demandes-mairie/{id}?handler=status",
            new FormUrlEncodedContent([new("to", to.ToString()), new("__RequestVerificationToken", token)]));
    }

    [DbFact]
    public async Task Agent_home_counts_the_requests_nobody_has_taken_on_yet()
    {
        var s = await app.NewSchoolAsync();
        using var director = await SignInAsync(s.Director);
        var tap = await FileAsync(director, s, () => RepairAsync(s), "Robinet qui fuit " + s.Tag);
        await FileAsync(director, s, () => RepairAsync(s), "Porte du préau " + s.Tag);
        using var agent = await SignInAsync(s.Agent);
        string? CountOn(AngleSharp.Html.Dom.IHtmlDocument home) =>
            home.QuerySelector($"a[href='/collectivite/{s.Commune.Id}/demandes'] .count")?.TextContent.Trim();

        var (_, twoNew) = await agent.GetPageAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, (await StatusAsync(agent, tap, RequestStatus.InProgress)).StatusCode);
        var (_, oneNew) = await agent.GetPageAsync("/");
        var (_, directorHome) = await director.GetPageAsync("/");

        Assert.Equal("2 nouvelles", CountOn(twoNew));
        Assert.Equal("1 nouvelle", CountOn(oneNew));
        // The school's side has its own notifications; the count is the town hall's to-do.
        Assert.Null(directorHome.QuerySelector(".tools .count"));
    }

    [DbFact]
    public async Task Director_sees_only_their_schools_requests()
    {
        var s = await app.NewSchoolAsync();
        var other = await app.NewSchoolAsync();
        using var director = await SignInAsync(s.Director);
        var id = await FileAsync(director, s, () => RepairAsync(s), "Porte bloquée " + s.Tag);
        var (_, list) = await director.GetPageAsync($"/ecole/{s.School.Id}/demandes-mairie");
        Assert.Contains("Porte bloquée " + s.Tag, UserSession.Text(list));

        using var otherDirector = await SignInAsync(other.Director);
        Assert.Equal(HttpStatusCode.NotFound, (await otherDirector.GetAsync($"/demandes-mairie/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherDirector.GetAsync($"/ecole/{s.School.Id}/demandes-mairie")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherDirector.GetAsync($"/ecole/{s.School.Id}/demandes-mairie/nouvelle")).StatusCode);
        // Parents and pupils of the school never reach the requests either.
        using var parent = await SignInAsync(s.GuardianA);
        Assert.NotEqual(HttpStatusCode.OK, (await parent.GetAsync($"/demandes-mairie/{id}")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await parent.GetAsync($"/ecole/{s.School.Id}/demandes-mairie")).StatusCode);
    }

    [DbFact]
    public async Task Lists_mark_the_requests_with_something_unread_until_the_request_is_opened()
    {
        var s = await app.NewSchoolAsync();
        using var director = await SignInAsync(s.Director);
        var answered = await FileAsync(director, s, () => RepairAsync(s), "Chauffage en panne " + s.Tag);
        await FileAsync(director, s, () => RepairAsync(s), "Store cassé " + s.Tag);
        var schoolList = $"/ecole/{s.School.Id}/demandes-mairie";
        var (_, filed) = await director.GetPageAsync(schoolList);
        Assert.Empty(filed.QuerySelectorAll(".request-row.unread"));

        // The town hall: both new requests are news to the agent until opened; answering one opens it.
        using var agent = await SignInAsync(s.Agent);
        var agentList = $"/collectivite/{s.Commune.Id}/demandes";
        var (_, bothNew) = await agent.GetPageAsync(agentList);
        Assert.Equal(2, bothNew.QuerySelectorAll(".request-row.unread").Length);
        Assert.Contains("2 demandes de cette page ont du nouveau", UserSession.Text(bothNew));
        Assert.Equal(HttpStatusCode.Redirect, (await agent.SubmitAsync($"/demandes-mairie/{answered}", [new("text", "Le chauffagiste passe lundi")], "#comment-form")).StatusCode);
        var (_, oneNew) = await agent.GetPageAsync(agentList);
        Assert.Contains("Store cassé", Assert.Single(oneNew.QuerySelectorAll(".request-row.unread")).TextContent);

        // The school: the answered request is marked « Nouveau » until the director opens it.
        var (_, answer) = await director.GetPageAsync(schoolList);
        var row = Assert.Single(answer.QuerySelectorAll(".request-row.unread"));
        Assert.Contains("Chauffage en panne", row.TextContent);
        Assert.Equal("Nouveau", row.QuerySelector(".badge")!.TextContent.Trim());
        Assert.Contains("1 demande de cette page a du nouveau depuis votre dernière visite.", UserSession.Text(answer));
        Assert.Equal(HttpStatusCode.OK, (await director.GetAsync($"/demandes-mairie/{answered}")).StatusCode);
        var (_, read) = await director.GetPageAsync(schoolList);
        Assert.Empty(read.QuerySelectorAll(".request-row.unread"));
        Assert.DoesNotContain("du nouveau depuis", UserSession.Text(read));
    }

    [DbFact]
    public async Task Internal_notes_are_never_in_the_schools_html_nor_notified_to_it()
    {
        var s = await app.NewSchoolAsync();
        using var director = await SignInAsync(s.Director);
        var id = await FileAsync(director, s, () => RepairAsync(s), "Radiateur froid " + s.Tag);
        using var agent = await SignInAsync(s.Agent);
        var secret = "NOTE-INTERNE-" + Guid.NewGuid().ToString("N");
        var visible = "Un technicien passe jeudi " + s.Tag;
        Assert.Equal(HttpStatusCode.Redirect, (await agent.SubmitAsync($"/demandes-mairie/{id}", [new("text", secret), new("internal", "true")], "#comment-form")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await agent.SubmitAsync($"/demandes-mairie/{id}", [new("text", visible)], "#comment-form")).StatusCode);

        var schoolHtml = await (await director.GetAsync($"/demandes-mairie/{id}")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(secret, schoolHtml);
        Assert.DoesNotContain("Note interne", schoolHtml);
        Assert.Contains(visible, schoolHtml);
        var townHallHtml = await (await agent.GetAsync($"/demandes-mairie/{id}")).Content.ReadAsStringAsync();
        Assert.Contains(secret, townHallHtml);

        var directorItems = await app.WithDbAsync(db => db.NotificationItems.AsNoTracking()
            .Where(i => i.PersonId == s.Director.Id && i.Kind == NotificationKind.TownHallRequest).Select(i => i.Title).ToListAsync());
        Assert.Single(directorItems);
        Assert.Contains("Nouveau commentaire", directorItems[0]);
        // The agent was told of the new request (no handler chosen: every agent of the collectivité).
        Assert.True(await app.WithDbAsync(db => db.NotificationItems.AnyAsync(i => i.PersonId == s.Agent.Id && i.Url == $"/demandes-mairie/{id}" && i.Title.StartsWith("Nouvelle demande"))));
    }

    [DbFact]
    public async Task Status_moves_new_to_in_progress_to_done_only_by_the_town_hall_and_never_backwards()
    {
        var s = await app.NewSchoolAsync();
        using var director = await SignInAsync(s.Director);
        var id = await FileAsync(director, s, () => RepairAsync(s), "Vitre cassée " + s.Tag, RequestUrgency.High);
        using var agent = await SignInAsync(s.Agent);

        // The school has no status form; posting one anyway is refused.
        var (_, schoolPage) = await director.GetPageAsync($"/demandes-mairie/{id}");
        Assert.Null(schoolPage.QuerySelector("#status-form"));
        Assert.Equal(HttpStatusCode.NotFound, (await ForgedStatusAsync(director, id, RequestStatus.InProgress, $"/demandes-mairie/{id}")).StatusCode);
        Assert.Equal(RequestStatus.New, await StatusOfAsync(id));

        // new → done directly is not a transition: it must be taken on first.
        Assert.Equal(HttpStatusCode.Redirect, (await StatusAsync(agent, id, RequestStatus.Done)).StatusCode);
        Assert.Equal(RequestStatus.New, await StatusOfAsync(id));
        Assert.Equal(HttpStatusCode.Redirect, (await StatusAsync(agent, id, RequestStatus.InProgress)).StatusCode);
        Assert.Equal(RequestStatus.InProgress, await StatusOfAsync(id));
        Assert.Equal(HttpStatusCode.Redirect, (await StatusAsync(agent, id, RequestStatus.Done, "Vitre remplacée")).StatusCode);
        Assert.Equal(RequestStatus.Done, await StatusOfAsync(id));
        // Closed: no form any more, and a forged move back is refused.
        var (_, closedPage) = await agent.GetPageAsync($"/demandes-mairie/{id}");
        Assert.Null(closedPage.QuerySelector("#status-form"));
        await ForgedStatusAsync(agent, id, RequestStatus.InProgress, $"/demandes-mairie/{id}");
        Assert.Equal(RequestStatus.Done, await StatusOfAsync(id));

        var (_, done) = await director.GetPageAsync($"/demandes-mairie/{id}");
        Assert.Equal("Terminée", done.QuerySelector("#request-status")!.TextContent.Trim());
        Assert.Contains("Vitre remplacée", UserSession.Text(done));
        var request = await app.WithDbAsync(db => db.TownHallRequests.AsNoTracking().SingleAsync(r => r.Id == id));
        Assert.NotNull(request.ClosedAt);
        Assert.Equal(2, await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == "townhall.request.status" && e.TargetId == id)));
        Assert.Equal(2, await app.WithDbAsync(db => db.NotificationItems.CountAsync(i => i.PersonId == s.Director.Id && i.Url == $"/demandes-mairie/{id}")));

        // A new request may be refused at once, and then stays refused.
        var other = await FileAsync(director, s, () => RepairAsync(s), "Peinture " + s.Tag);
        await StatusAsync(agent, other, RequestStatus.Refused, "Pas cette année");
        Assert.Equal(RequestStatus.Refused, await StatusOfAsync(other));

        // Filters: status and urgency.
        var (_, urgent) = await agent.GetPageAsync($"/collectivite/{s.Commune.Id}/demandes?urgence=High");
        Assert.Single(urgent.QuerySelectorAll(".request-row"));
        var (_, refused) = await agent.GetPageAsync($"/collectivite/{s.Commune.Id}/demandes?statut=Refused&ecole={s.School.Id}");
        Assert.Contains("Peinture " + s.Tag, Assert.Single(refused.QuerySelectorAll(".request-row")).TextContent);
    }

    [DbFact]
    public async Task Teacher_files_a_request_only_once_the_collectivite_allows_it()
    {
        var s = await app.NewSchoolAsync();
        using var teacher = await SignInAsync(s.TeacherA);
        Assert.Equal(HttpStatusCode.NotFound, (await teacher.GetAsync($"/ecole/{s.School.Id}/demandes-mairie/nouvelle")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await teacher.GetAsync($"/ecole/{s.School.Id}/demandes-mairie")).StatusCode);
        Assert.DoesNotContain("/demandes-mairie", await (await teacher.GetAsync("/")).Content.ReadAsStringAsync());

        using var agent = await SignInAsync(s.Agent);
        Assert.Equal(HttpStatusCode.Redirect, (await agent.SubmitAsync($"/collectivite/{s.Commune.Id}/demandes/types", [new("teachersMayFile", "true")], "#settings-form")).StatusCode);

        Assert.Contains($"/ecole/{s.School.Id}/demandes-mairie", await (await teacher.GetAsync("/")).Content.ReadAsStringAsync());
        var id = await FileAsync(teacher, s, () => RepairAsync(s), "Tableau décroché " + s.Tag);
        Assert.Equal(HttpStatusCode.OK, (await teacher.GetAsync($"/demandes-mairie/{id}")).StatusCode);
        Assert.Equal(s.TeacherA.Id, await app.WithDbAsync(db => db.TownHallRequests.Where(r => r.Id == id).Select(r => r.CreatedById).SingleAsync()));
        // The pupils of the school never may, whatever the setting.
        using var pupil = await SignInAsync(s.PupilA);
        Assert.NotEqual(HttpStatusCode.OK, (await pupil.GetAsync($"/ecole/{s.School.Id}/demandes-mairie/nouvelle")).StatusCode);
    }

    [DbFact]
    public async Task Photo_is_served_to_the_school_and_the_town_hall_and_404_to_another_school()
    {
        var s = await app.NewSchoolAsync();
        var other = await app.NewSchoolAsync();
        using var director = await SignInAsync(s.Director);
        var id = await FileAsync(director, s, () => RepairAsync(s), "Fenêtre " + s.Tag, RequestUrgency.Normal, ("fenetre.jpg", Albums.AlbumTests.Jpeg(900, 600, SKColors.SteelBlue)));
        var photo = await app.WithDbAsync(db => db.TownHallPhotos.AsNoTracking().SingleAsync(p => p.RequestId == id));
        Assert.NotNull(photo.ThumbnailFileId);
        var (_, page) = await director.GetPageAsync($"/demandes-mairie/{id}");
        Assert.Equal($"/fichiers/{photo.ThumbnailFileId}", page.QuerySelector(".townhall-photos img")!.GetAttribute("src"));

        using var agent = await SignInAsync(s.Agent);
        foreach (var session in new[] { director, agent })
        {
            foreach (var file in new[] { photo.FileId, photo.ThumbnailFileId!.Value })
            {
                using var response = await session.GetAsync($"/fichiers/{file}");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
            }
        }
        using var otherDirector = await SignInAsync(other.Director);
        using var otherAgent = await SignInAsync(other.Agent);
        using var teacher = await SignInAsync(s.TeacherA);
        foreach (var session in new[] { otherDirector, otherAgent, teacher })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await session.GetAsync($"/fichiers/{photo.FileId}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await session.GetAsync($"/fichiers/{photo.ThumbnailFileId}")).StatusCode);
        }
    }

    [DbFact]
    public async Task A_file_that_is_not_an_image_is_refused_and_nothing_is_filed()
    {
        var s = await app.NewSchoolAsync();
        using var director = await SignInAsync(s.Director);
        var form = $"/ecole/{s.School.Id}/demandes-mairie/nouvelle";
        await director.GetAsync(form);
        var response = await director.SubmitMultipartAsync(form, "#new-request",
            [("Input.TypeId", (await RepairAsync(s)).ToString()), ("Input.Title", "Piège " + s.Tag), ("Input.Description", "x"), ("Input.Urgency", "Normal")],
            [("Input.Photos", "photo.jpg", "<html><script>alert(1)</script></html>"u8.ToArray())]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("n'est pas", await UserSession.TextAsync(response));
        Assert.False(await app.WithDbAsync(db => db.TownHallRequests.AnyAsync(r => r.SchoolId == s.School.Id)));
    }

    [DbFact]
    public async Task A_quote_in_pdf_is_attached_listed_by_name_and_served_to_both_sides_only()
    {
        var s = await app.NewSchoolAsync();
        var other = await app.NewSchoolAsync();
        using var director = await SignInAsync(s.Director);
        var pdf = System.Text.Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
        var id = await FileAsync(director, s, () => RepairAsync(s), "Store de la classe " + s.Tag, RequestUrgency.Normal, ("devis-store.pdf", pdf));

        using var agent = await SignInAsync(s.Agent);
        var (_, page) = await agent.GetPageAsync($"/demandes-mairie/{id}");
        var link = page.QuerySelector(".townhall-documents a")!;
        Assert.Equal("devis-store.pdf", link.TextContent.Trim());
        Assert.Empty(page.QuerySelectorAll(".townhall-photos img"));
        using var download = await agent.GetAsync(link.GetAttribute("href")!);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await director.GetAsync(link.GetAttribute("href")!)).StatusCode);
        using var otherDirector = await SignInAsync(other.Director);
        Assert.Equal(HttpStatusCode.NotFound, (await otherDirector.GetAsync(link.GetAttribute("href")!)).StatusCode);
    }

    [DbFact]
    public async Task A_comment_carries_a_quote_shown_under_it_for_both_sides_but_an_internal_note_takes_no_file_and_a_bad_file_keeps_the_text()
    {
        var s = await app.NewSchoolAsync();
        var other = await app.NewSchoolAsync();
        using var director = await SignInAsync(s.Director);
        var id = await FileAsync(director, s, () => RepairAsync(s), "Porte du préau " + s.Tag);
        using var agent = await SignInAsync(s.Agent);
        var pdf = System.Text.Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

        var sent = await agent.SubmitMultipartAsync($"/demandes-mairie/{id}", "#comment-form", [("text", "Voici le devis du menuisier " + s.Tag)], [("files", "devis-porte.pdf", pdf)]);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var (_, schoolPage) = await director.GetPageAsync($"/demandes-mairie/{id}");
        var comment = schoolPage.QuerySelectorAll(".townhall-history li").Single(li => li.TextContent.Contains("Voici le devis", StringComparison.Ordinal));
        var link = comment.QuerySelector(".comment-files a")!;
        Assert.Equal("devis-porte.pdf", link.TextContent.Trim());
        // Under its comment, not among the request's own files.
        Assert.Null(schoolPage.QuerySelector("#description-title ~ .townhall-documents"));
        Assert.Equal(HttpStatusCode.OK, (await director.GetAsync(link.GetAttribute("href")!)).StatusCode);
        using var otherDirector = await SignInAsync(other.Director);
        Assert.Equal(HttpStatusCode.NotFound, (await otherDirector.GetAsync(link.GetAttribute("href")!)).StatusCode);

        // An internal note with a file is refused whole: the school could open the file.
        var note = "NOTE-" + Guid.NewGuid().ToString("N");
        var refused = await agent.SubmitMultipartAsync($"/demandes-mairie/{id}", "#comment-form", [("text", note), ("internal", "true")], [("files", "budget.pdf", pdf)]);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        var (_, afterRefusal) = await agent.GetPageAsync($"/demandes-mairie/{id}");
        Assert.Contains("Une note interne ne peut pas porter de fichier", UserSession.Text(afterRefusal));
        Assert.Equal(note, afterRefusal.QuerySelector("#comment-text")!.TextContent);
        Assert.False(await app.WithDbAsync(db => db.TownHallComments.AnyAsync(c => c.Text == note)));

        // A program disguised as a photo after a good photo: refused, nothing kept (not the good photo nor its thumbnail),
        // the text given back.
        var storedBefore = await app.WithDbAsync(db => db.FilesStored.CountAsync(f => f.OwnerId == id));
        var bad = await director.SubmitMultipartAsync($"/demandes-mairie/{id}", "#comment-form", [("text", "La photo de la porte " + s.Tag)],
            [("files", "porte.jpg", Albums.AlbumTests.Jpeg(400, 300, SKColors.SteelBlue)), ("files", "porte.jpg", "<html><script>alert(1)</script></html>"u8.ToArray())]);
        Assert.Equal(HttpStatusCode.Redirect, bad.StatusCode);
        var (_, again) = await director.GetPageAsync($"/demandes-mairie/{id}");
        Assert.Contains("n'est pas", again.QuerySelector(".notice.error")!.TextContent);
        Assert.Equal("La photo de la porte " + s.Tag, again.QuerySelector("#comment-text")!.TextContent);
        Assert.Equal(1, await app.WithDbAsync(db => db.TownHallPhotos.CountAsync(p => p.RequestId == id)));
        Assert.Equal(storedBefore, await app.WithDbAsync(db => db.FilesStored.CountAsync(f => f.OwnerId == id)));
    }

    [DbFact]
    public async Task An_agent_takes_a_request_then_hands_it_to_a_colleague_only_the_follower_is_told_and_the_list_filters_it()
    {
        var s = await app.NewSchoolAsync();
        var colleague = await app.NewAdultAsync();
        await app.WithDbAsync(async db =>
        {
            db.Memberships.Add(new Preau.Web.Modules.People.Data.Membership
            {
                PersonId = colleague.Id, Role = Preau.Web.Modules.People.Data.Role.MunicipalAgent, ScopeType = Preau.Web.Modules.People.Data.ScopeType.LocalAuthority, ScopeId = s.Commune.Id,
            });
            await db.SaveChangesAsync();
        });
        using var director = await SignInAsync(s.Director);
        var id = await FileAsync(director, s, () => RepairAsync(s), "Chasse d'eau " + s.Tag);
        await FileAsync(director, s, () => RepairAsync(s), "Robinet " + s.Tag);
        var url = $"/demandes-mairie/{id}";
        Task<int> ToldAsync(Guid who) => app.WithDbAsync(db => db.NotificationItems.CountAsync(i => i.PersonId == who && i.Url == url));
        Assert.Equal(1, await ToldAsync(s.Agent.Id));
        Assert.Equal(1, await ToldAsync(colleague.Id));

        // The agent takes it: the school sees who follows it, and only that agent hears of the school's next comment.
        using var agent = await SignInAsync(s.Agent);
        Assert.Equal(HttpStatusCode.Redirect, (await agent.SubmitAsync(url, [], "#take-form")).StatusCode);
        var (_, seen) = await director.GetPageAsync(url);
        Assert.Equal($"Test{s.Tag} Agent", seen.QuerySelector("#request-assignee")!.TextContent.Trim().Replace("  ", " "));
        Assert.Null(seen.QuerySelector("#assign-form"));
        Assert.DoesNotContain("Demande suivie par", UserSession.Text(seen));
        Assert.Equal(HttpStatusCode.Redirect, (await director.SubmitAsync(url, [new("text", "Merci, c'est urgent")], "#comment-form")).StatusCode);
        Assert.Equal(2, await ToldAsync(s.Agent.Id));
        Assert.Equal(1, await ToldAsync(colleague.Id));

        // « Mes demandes » and « Non attribuées ».
        var list = $"/collectivite/{s.Commune.Id}/demandes";
        var (_, mine) = await agent.GetPageAsync(list + "?suivi=moi");
        Assert.Contains("Chasse d'eau", Assert.Single(mine.QuerySelectorAll(".request-row")).TextContent);
        var (_, nobody) = await agent.GetPageAsync(list + "?suivi=personne&ecole=" + s.School.Id);
        Assert.Contains("Robinet", Assert.Single(nobody.QuerySelectorAll(".request-row")).TextContent);

        // Handed to the colleague, who is told; someone who is not an agent there cannot be chosen; the school cannot assign.
        Assert.Equal(HttpStatusCode.Redirect, (await agent.SubmitAsync(url, [new("assignee", colleague.Id.ToString())], "#assign-form")).StatusCode);
        Assert.Equal(2, await ToldAsync(colleague.Id));
        Assert.Equal(colleague.Id, await app.WithDbAsync(db => db.TownHallRequests.Where(r => r.Id == id).Select(r => r.AssigneeId).SingleAsync()));
        await agent.SubmitAsync(url, [new("assignee", s.Director.Id.ToString())], "#assign-form");
        Assert.Equal(colleague.Id, await app.WithDbAsync(db => db.TownHallRequests.Where(r => r.Id == id).Select(r => r.AssigneeId).SingleAsync()));
        var forged = await director.PostWithTokenAsync($"{url}?handler=assign&assignee={s.Director.Id}");
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == "townhall.request.assigned" && e.TargetId == id)));
        var (_, history) = await agent.GetPageAsync(url);
        Assert.Contains("Demande suivie par", UserSession.Text(history));
    }

    [DbFact]
    public async Task Average_time_to_close_per_type_is_computed_with_the_app_clock()
    {
        var s = await app.NewSchoolAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var factory = app.WithWebHostBuilder(b => b.ConfigureServices(services => services.AddSingleton<TimeProvider>(clock)));
        async Task<UserSession> On(TestAccount who)
        {
            var session = new UserSession(factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));
            await session.LoginAsync(who.Login, who.Password);
            return session;
        }
        using var director = await On(s.Director);
        using var agent = await On(s.Agent);
        Task<Guid> Repair() => RepairAsync(s);
        Task<Guid> It() => TypeIdAsync(s.Commune.Id, RequestCategory.It);

        // Repair: closed after 2 h (done) and after 6 h (refused) → 4 h on average. IT: closed after 1 day 3 h. One left open.
        var first = await FileAsync(director, s, Repair, "Robinet " + s.Tag);
        var second = await FileAsync(director, s, Repair, "Volet " + s.Tag);
        var third = await FileAsync(director, s, It, "Vidéoprojecteur " + s.Tag);
        await FileAsync(director, s, Repair, "Encore ouverte " + s.Tag);
        await StatusAsync(agent, first, RequestStatus.InProgress);
        clock.Advance(TimeSpan.FromHours(2));
        await StatusAsync(agent, first, RequestStatus.Done);
        clock.Advance(TimeSpan.FromHours(4));
        await StatusAsync(agent, second, RequestStatus.Refused);
        clock.Advance(TimeSpan.FromHours(21));
        // A day later the first session has expired (12 h): the agent signs in again.
        using var agentNextDay = await On(s.Agent);
        await StatusAsync(agentNextDay, third, RequestStatus.InProgress);
        await StatusAsync(agentNextDay, third, RequestStatus.Done);

        var (_, page) = await agentNextDay.GetPageAsync($"/collectivite/{s.Commune.Id}/demandes");
        var repairRow = page.QuerySelector($".townhall-close-times tr[data-type='{await Repair()}']")!;
        Assert.Equal("2", repairRow.Children[1].TextContent.Trim());
        Assert.Equal("4 h 0 min", repairRow.QuerySelector(".average")!.TextContent.Trim());
        var itRow = page.QuerySelector($".townhall-close-times tr[data-type='{await It()}']")!;
        Assert.Equal("1", itRow.Children[1].TextContent.Trim());
        Assert.Equal("1 j 3 h", itRow.QuerySelector(".average")!.TextContent.Trim());
    }
}
