using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Preau.Web.Platform.Data;
using static Microsoft.Playwright.Assertions;

namespace Preau.IntegrationTests.Browser;

/// <summary>
/// On the demo département, the CE1 teacher of Jean-Jaurès invites the commune's sports educator (a partner account)
/// into the class from its directory, without the class's documents; she finds the class on her home page and opens its
/// forum; the teacher opens the documents to her too, then ends the invitation (the demo keeps no trace of it for the
/// other journeys).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ClassPartnerJourneyTests(BrowserApp app)
{
    [BrowserFact]
    public async Task A_teacher_invites_a_sports_educator_into_the_class_who_finds_it_on_her_home_page()
    {
        var (classId, yearEnd) = await Ce1Async();
        var teacher = await app.SignInDemoAsync("thomas.mercier");
        var space = teacher.Locator(".space").Filter(new() { Has = teacher.Locator($"a[href='/classe/{classId}/annuaire']") });
        await space.Locator("a.service[data-service=annuaire]").ClickAsync();
        await teacher.GetByRole(AriaRole.Link, new() { Name = "Intervenants" }).ClickAsync();
        await Expect(teacher).ToHaveURLAsync(new Regex($"/classe/{classId}/intervenants$"));
        await Axe.AssertAccessibleAsync(teacher, "class partners (none yet)");

        await teacher.GetByLabel("Nom du partenaire").FillAsync("Kerbrat");
        await teacher.Locator("#partner-search").GetByRole(AriaRole.Button, new() { Name = "Rechercher" }).ClickAsync();
        await Expect(teacher.GetByLabel("Maëlle Kerbrat")).ToBeCheckedAsync();
        var endsOn = new[] { Preau.Web.Platform.Time.ParisDate.Today(TimeProvider.System).AddDays(14), yearEnd }.Min();
        await teacher.Locator("#Invite_EndsOn").FillAsync(endsOn.ToString("yyyy-MM-dd"));
        await Expect(teacher.Locator("#invite-form input[name='Invite.Services']:checked")).ToHaveCountAsync(5);
        await teacher.Locator("#invite-form").GetByRole(AriaRole.Checkbox, new() { Name = "Documents" }).UncheckAsync();
        await Axe.AssertAccessibleAsync(teacher, "class partners search results");
        await teacher.GetByRole(AriaRole.Button, new() { Name = "Inviter dans la classe" }).ClickAsync();
        await Expect(teacher.Locator("main p.notice.success")).ToContainTextAsync("Maëlle Kerbrat est invité(e) dans la classe");
        await Expect(teacher.Locator("#current")).ToContainTextAsync("Maëlle Kerbrat");
        await Axe.AssertAccessibleAsync(teacher, "class partners with an invitation");

        var educator = await app.SignInDemoAsync("maelle.kerbrat");
        var guest = educator.Locator(".space").Filter(new() { HasText = "Intervention" });
        await Expect(guest.Locator("h2")).ToHaveTextAsync("CE1");
        await Expect(guest.Locator("a.service[data-service=liaison]")).ToHaveCountAsync(0);
        await Expect(guest.Locator("a.service[data-service=documents]")).ToHaveCountAsync(0);
        await Axe.AssertAccessibleAsync(educator, "home (partner invited into a class)");
        await guest.Locator("a.service[data-service=forum]").ClickAsync();
        await Expect(educator).ToHaveURLAsync(new Regex($"/classe/{classId}/forum$"));
        await Axe.AssertAccessibleAsync(educator, "class forum (partner)");

        // The teacher opens the class's documents to her as well.
        await teacher.Locator("#current details summary").ClickAsync();
        await teacher.Locator("#current").GetByRole(AriaRole.Checkbox, new() { Name = "Documents" }).CheckAsync();
        await Axe.AssertAccessibleAsync(teacher, "class partners, changing the services opened");
        await teacher.GetByRole(AriaRole.Button, new() { Name = "Enregistrer les services — Maëlle Kerbrat" }).ClickAsync();
        await Expect(teacher.Locator("main p.notice.success")).ToContainTextAsync("ouvre désormais : blog, agenda, albums photos, documents, forum");
        await educator.GotoAsync("/");
        await Expect(educator.Locator(".space").Filter(new() { HasText = "Intervention" }).Locator("a.service[data-service=documents]")).ToHaveCountAsync(1);

        await teacher.GetByRole(AriaRole.Button, new() { Name = "Mettre fin à l'invitation — Maëlle Kerbrat" }).ClickAsync();
        await Expect(teacher.Locator("main p.notice.success")).ToContainTextAsync("Maëlle Kerbrat n'a plus accès à la classe.");
        await educator.GotoAsync("/");
        await Expect(educator.Locator(".space").Filter(new() { HasText = "Intervention" })).ToHaveCountAsync(0);
    }

    /// <summary>The CE1 of Jean-Jaurès (Thomas Mercier's class) and the end of its school year.</summary>
    private async Task<(Guid ClassId, DateOnly YearEnd)> Ce1Async()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PreauDbContext>();
        var row = await (from s in db.Schools
                         where s.Name == "École élémentaire Jean-Jaurès"
                         join c in db.Classes on s.Id equals c.SchoolId
                         where c.Name == "CE1"
                         join y in db.SchoolYears on c.SchoolYearId equals y.Id
                         where y.IsCurrent
                         select new { c.Id, y.EndsOn }).SingleAsync();
        return (row.Id, row.EndsOn);
    }
}
