using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Preau.IntegrationTests.Browser;

/// <summary>
/// The administrator's operations pages on the demo département: the platform's health (database, queues, backups)
/// and the backups page, where a backup started by a click appears in the journal with its size; the communication
/// rules, one sender profile at a time.
/// </summary>
/// <remarks>
/// Its own demo deployment: the demo has one administrator, and DemoProfileTests must see her very first login
/// (charter, two-factor enrolment) on the shared one.
/// </remarks>
[Collection(BrowserCollection.Name)]
public sealed class OperationsJourneyTests : IAsyncLifetime
{
    private readonly BrowserApp _app = new();

    public ValueTask InitializeAsync() => _app.InitializeAsync();

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [BrowserFact]
    public async Task Administrator_checks_the_platforms_health_then_takes_a_backup_that_appears_in_the_journal()
    {
        var page = await _app.SignInOperatorAsync("helene.garnier");

        await page.GotoAsync("/admin/sante");
        await Expect(page.Locator("main h1")).ToHaveTextAsync("Santé de la plateforme");
        await Expect(page.Locator("[data-health=database]")).ToContainTextAsync("Joignable");
        await Expect(page.Locator("[data-health=outbox]")).ToHaveTextAsync(new Regex(@"^\d+$"));
        await Axe.AssertAccessibleAsync(page, "platform health");

        await page.GotoAsync("/admin/sauvegardes");
        await Expect(page.Locator("main h1")).ToHaveTextAsync("Sauvegardes");
        var done = page.Locator("main table tbody tr", new() { HasText = "Réussie" });
        var before = await done.CountAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sauvegarder maintenant" }).ClickAsync();
        await Expect(page.Locator("main [role=status]")).ToContainTextAsync("Sauvegarde");
        // The backup runs in the background; the page refreshes itself until the journal shows it.
        await Expect(done).ToHaveCountAsync(before + 1, new() { Timeout = 60_000 });
        await Expect(done.First).ToContainTextAsync(".tar.gz");
        await Expect(done.First.Locator("td").Nth(3)).ToHaveTextAsync(new Regex(@"\d"));
        await Axe.AssertAccessibleAsync(page, "backups");

        await page.GotoAsync("/admin/sante");
        await Expect(page.Locator("#sante-sauvegardes + dl dd").First).Not.ToHaveTextAsync("Aucune");
    }

    [BrowserFact]
    public async Task Administrator_records_a_gdpr_request_from_a_persons_sheet_and_closes_it_with_the_answer()
    {
        var page = await _app.SignInOperatorAsync("helene.garnier");
        Guid pupilId;
        using (var scope = _app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Preau.Web.Platform.Data.PreauDbContext>();
            pupilId = await db.Memberships.Where(m => m.Role == Preau.Web.Modules.People.Data.Role.Pupil).OrderBy(m => m.PersonId).Select(m => m.PersonId).FirstAsync();
        }
        await page.GotoAsync($"/personne/{pupilId}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Demande RGPD" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/admin/rgpd\\?personne="));
        await page.GetByLabel("Ce qui est demandé").SelectOptionAsync(new SelectOptionValue { Label = "Accès à ses données" });
        await page.GetByLabel("Qui demande, et comment").FillAsync("sa mère, par courrier");
        await Axe.AssertAccessibleAsync(page, "GDPR register with its form");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la demande" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/admin/rgpd/[0-9a-f-]{36}$"));
        await Expect(page.Locator("#gdpr-kind")).ToHaveTextAsync("Accès à ses données");
        await Axe.AssertAccessibleAsync(page, "GDPR request");
        await page.GetByLabel("Réponse apportée").FillAsync("Fichier remis en main propre.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Clore la demande" }).ClickAsync();
        await Expect(page.Locator("#gdpr-status")).ToContainTextAsync("Close le");
    }

    [BrowserFact]
    public async Task Administrator_opens_one_sender_profile_of_the_communication_rules_at_a_time()
    {
        var page = await _app.SignInOperatorAsync("helene.garnier");
        await page.GotoAsync("/admin/communication");
        await Expect(page.Locator("main input[name=allowed]")).ToHaveCountAsync(0);
        await Axe.AssertAccessibleAsync(page, "communication rules (profiles)");
        await page.GetByRole(AriaRole.Link, new() { Name = "De : Partenaire" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("de=Partner"));
        await Expect(page.Locator("#matrice-Partner table caption")).ToContainTextAsync("Partenaire");
        await Axe.AssertAccessibleAsync(page, "communication rules of one profile");
    }
}
