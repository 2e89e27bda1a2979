using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Preau.Web.Modules.People.Data;
using Preau.Web.Platform.Data;
using Preau.Web.Platform.Demo;
using static Microsoft.Playwright.Assertions;

namespace Preau.IntegrationTests.Browser;

/// <summary>
/// An inter-school group on the demo département: the CE1 teacher of Jean-Jaurès (Vesoul) creates « Correspondance CE1 »
/// by invitation, invites the CP-CE1 teacher of the École primaire du Centre (Saint-Loup), who accepts from the
/// notification and finds the group on their home page.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class GroupJourneyTests(BrowserApp app)
{
    [BrowserFact]
    public async Task Two_teachers_of_different_schools_create_an_inter_school_group_and_talk_in_its_forum()
    {
        var colleague = await OtherSchoolTeacherAsync();

        var teacher = await SignInAsync("thomas.mercier");
        await teacher.GetByRole(AriaRole.Link, new() { Name = "Mes groupes" }).ClickAsync();
        await Expect(teacher).ToHaveURLAsync(new Regex("/groupes$"));
        await Expect(teacher.Locator("#open-groups")).ToContainTextAsync("Chorale des écoles de Saint-Loup");
        await Axe.AssertAccessibleAsync(teacher, "my groups (teacher)");
        await teacher.GetByRole(AriaRole.Link, new() { Name = "Créer un groupe" }).First.ClickAsync();
        await Expect(teacher).ToHaveURLAsync(new Regex("/groupes/nouveau$"));
        await Axe.AssertAccessibleAsync(teacher, "new group form");
        await teacher.GetByLabel("Nom du groupe").FillAsync("Correspondance CE1");
        await teacher.GetByLabel("Description").FillAsync("Nos deux classes de CE1 s'écrivent tout au long de l'année.");
        await Expect(teacher.GetByLabel("Sur invitation seulement")).ToBeCheckedAsync();
        await teacher.GetByRole(AriaRole.Button, new() { Name = "Créer le groupe" }).ClickAsync();
        await Expect(teacher).ToHaveURLAsync(new Regex("/groupe/[0-9a-f-]+$"));
        var groupPath = new Uri(teacher.Url).AbsolutePath;
        await Expect(teacher.GetByRole(AriaRole.Heading, new() { Name = "Correspondance CE1", Level = 1 })).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(teacher, "new group page (owner)");

        // The colleague of another school is found by name and invited as a contributor.
        await teacher.GetByLabel("Rechercher une personne par son nom").FillAsync(colleague.LastName);
        await teacher.Locator("#invite-search").GetByRole(AriaRole.Button, new() { Name = "Rechercher" }).ClickAsync();
        await teacher.GetByLabel(colleague.Name, new() { Exact = false }).First.CheckAsync();
        await teacher.GetByLabel("Rôle dans le groupe").SelectOptionAsync(new SelectOptionValue { Label = "Contributeur" });
        await Axe.AssertAccessibleAsync(teacher, "invitation search results");
        await teacher.GetByRole(AriaRole.Button, new() { Name = "Inviter", Exact = true }).ClickAsync();
        await Expect(teacher.Locator("main p.notice.success")).ToContainTextAsync("L'invitation a été envoyée.");
        await Expect(teacher.Locator("#pending-invitations")).ToContainTextAsync(colleague.Name);
        await Axe.AssertAccessibleAsync(teacher, "group page with a pending invitation");

        // The colleague opens the notification, accepts, and finds the group on their home page.
        var other = await SignInAsync(colleague.Login);
        await other.GotoAsync("/notifications");
        await Axe.AssertAccessibleAsync(other, "notifications with the invitation");
        await other.GetByRole(AriaRole.Link, new() { Name = "Invitation au groupe « Correspondance CE1 »" }).First.ClickAsync();
        await Expect(other).ToHaveURLAsync(new Regex("/groupes$"));
        var invitation = other.Locator("#invitations li").Filter(new() { HasText = "Correspondance CE1" });
        await Expect(invitation).ToContainTextAsync("Thomas Mercier");
        await Axe.AssertAccessibleAsync(other, "my groups with an invitation");
        await invitation.GetByRole(AriaRole.Button, new() { Name = "Accepter" }).ClickAsync();
        await Expect(other.Locator("main p.notice.success")).ToContainTextAsync("Vous avez rejoint le groupe.");
        await Expect(other.Locator("#my-groups")).ToContainTextAsync("Correspondance CE1");
        await Axe.AssertAccessibleAsync(other, "my groups after accepting");

        await other.GotoAsync("/");
        var space = other.Locator(".space").Filter(new() { Has = other.Locator($"a[href='{groupPath}']") });
        await Expect(space.Locator("h2")).ToHaveTextAsync("Correspondance CE1");
        await Expect(space.Locator("a.service[data-service=annuaire]")).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(other, "home with the group space");
        await space.GetByRole(AriaRole.Link, new() { Name = "Page du groupe" }).ClickAsync();
        await Expect(other.Locator("#members")).ToContainTextAsync("Thomas Mercier");
        await Expect(other.Locator("#members")).ToContainTextAsync(colleague.Name);
        await Axe.AssertAccessibleAsync(other, "group page (contributor)");

        // The two teachers of different schools talk in the new group's forum.
        await other.GotoAsync("/");
        await space.Locator("a.service[data-service=forum]").ClickAsync();
        await Expect(other).ToHaveURLAsync(new Regex(Regex.Escape(groupPath) + "/forum$"));
        await other.GetByLabel("Titre du sujet").FillAsync("Premières lettres");
        await other.GetByLabel("Message").FillAsync("Mes élèves vous écrivent cette semaine.");
        await other.GetByRole(AriaRole.Button, new() { Name = "Publier le sujet" }).ClickAsync();
        await Expect(other.GetByRole(AriaRole.Heading, new() { Name = "Premières lettres" })).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(other, "new topic in the group forum");
        await teacher.GotoAsync(groupPath + "/forum");
        await teacher.GetByRole(AriaRole.Link, new() { Name = "Premières lettres" }).ClickAsync();
        await teacher.GetByLabel("Votre réponse").FillAsync("Les miens répondront vite !");
        await teacher.GetByRole(AriaRole.Button, new() { Name = "Publier la réponse" }).ClickAsync();
        await Expect(teacher.Locator("main")).ToContainTextAsync("Les miens répondront vite !");
        await Expect(teacher.Locator("main")).ToContainTextAsync("Mes élèves vous écrivent cette semaine.");
        await Axe.AssertAccessibleAsync(teacher, "group forum topic with the reply (owner)");
    }

    /// <summary>The teacher of the CP-CE1 class of the École primaire du Centre, in another commune and circonscription.</summary>
    private async Task<(string Login, string Name, string LastName)> OtherSchoolTeacherAsync()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PreauDbContext>();
        var teacher = await (from s in db.Schools
                             where s.Name == "École primaire du Centre"
                             join c in db.Classes on s.Id equals c.SchoolId
                             where c.Name == "CP-CE1"
                             join m in db.Memberships on c.Id equals m.ScopeId
                             where m.Role == Role.Teacher
                             join p in db.Persons on m.PersonId equals p.Id
                             join u in db.Users on p.Id equals u.Id
                             // Lucie Vasseur co-teaches that class and is already in the reading project (forum demo).
                             where u.UserName != "lucie.vasseur"
                             select new { u.UserName, p.FirstName, p.LastName }).SingleAsync();
        return (teacher.UserName!, $"{teacher.FirstName} {teacher.LastName}", teacher.LastName);
    }

    private async Task<IPage> SignInAsync(string login)
    {
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress.ToString(), Locale = "fr-FR" });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/connexion");
        await page.GetByLabel("Identifiant").FillAsync(login);
        await page.GetByLabel("Mot de passe").FillAsync(DemoSeeder.AdultPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        var home = "^" + Regex.Escape(app.BaseAddress.ToString()) + "$";
        await Expect(page).ToHaveURLAsync(new Regex(home + "|/compte/charte$"));
        if (page.Url.EndsWith("/compte/charte", StringComparison.Ordinal))
        {
            await page.Locator("#accept").CheckAsync();
            await page.Locator("form:has(#accept) button[type=submit]").ClickAsync();
        }
        await Expect(page).ToHaveURLAsync(new Regex(home));
        return page;
    }
}
