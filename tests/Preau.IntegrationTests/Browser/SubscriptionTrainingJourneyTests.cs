using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OtpNet;
using Preau.Web.Modules.Accounts.Data;
using Preau.Web.Modules.People.Data;
using Preau.Web.Platform.Data;
using static Microsoft.Playwright.Assertions;

namespace Preau.IntegrationTests.Browser;

/// <summary>
/// Territory services on the demo département: an administrator records Saint-Loup's subscription and sees it in the
/// overview; Thomas Mercier registers for the Vesoul training session. axe-core is clean on every page visited.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SubscriptionTrainingJourneyTests(BrowserApp app)
{
    [BrowserFact]
    public async Task Admin_records_a_subscription_and_sees_the_overview()
    {
        var (login, key) = await NewAdminAsync();
        var page = await app.NewPageAsync();
        await page.GotoAsync("/connexion");
        await page.GetByLabel("Identifiant").FillAsync(login);
        await page.GetByLabel("Mot de passe").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await page.GetByLabel("Code").FillAsync(new Totp(Base32Encoding.ToBytes(key)).ComputeTotp());
        await page.GetByRole(AriaRole.Button, new() { Name = "Valider" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Administration du département" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Abonnements des collectivités" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/admin/abonnements$"));
        await Axe.AssertAccessibleAsync(page, "subscriptions overview");
        var saintLoup = page.Locator("#table-cette-annee tr", new() { HasText = "Commune de Saint-Loup" });
        await Expect(saintLoup.Locator(".status")).ToHaveTextAsync("Non abonnée");

        await page.GetByLabel("Collectivité", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Commune de Saint-Loup" });
        await page.GetByLabel("Toute l'année scolaire").CheckAsync();
        await page.GetByLabel("Toutes les écoles de la collectivité").CheckAsync();
        await page.GetByLabel("Référence de la convention (facultatif)").FillAsync("Convention Saint-Loup");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'abonnement" }).ClickAsync();

        await Expect(page.Locator(".notice.success")).ToContainTextAsync("L'abonnement est enregistré.");
        await Expect(saintLoup.Locator(".status")).ToHaveTextAsync("Abonnée");
        await Expect(saintLoup.Locator(".schools")).ToHaveTextAsync("1 / 1");
        await Expect(page.Locator("#subscriptions")).ToContainTextAsync("Convention Saint-Loup");
        await Axe.AssertAccessibleAsync(page, "subscriptions overview (after recording)");
    }

    [BrowserFact]
    public async Task Teacher_registers_for_a_training_session_of_the_circonscription()
    {
        var page = await app.SignInDemoAsync("thomas.mercier");
        await page.GetByRole(AriaRole.Link, new() { Name = "Formations" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/formations$"));
        await Axe.AssertAccessibleAsync(page, "training sessions (teacher)");
        await Expect(page.Locator("main")).Not.ToContainTextAsync("Publier une session de formation");
        await page.GetByRole(AriaRole.Link, new() { Name = "Le cahier de textes numérique en cycle 2" }).ClickAsync();
        await Axe.AssertAccessibleAsync(page, "training session (teacher)");
        var left = int.Parse(await page.Locator("#seats .seats-left").TextContentAsync() ?? "0", System.Globalization.CultureInfo.InvariantCulture);

        await page.GetByRole(AriaRole.Button, new() { Name = "M'inscrire" }).ClickAsync();

        await Expect(page.Locator(".notice.success")).ToContainTextAsync("Vous êtes inscrit·e à cette formation.");
        await Expect(page.Locator("#seats .seats-left")).ToHaveTextAsync((left - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Me désinscrire" })).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(page, "training session (registered)");

        // The advisor of the circonscription sees the registration, ready for the attendance sheet.
        var advisor = await app.SignInDemoAsync("julien.perrin");
        await advisor.GotoAsync(page.Url);
        await Expect(advisor.Locator("#attendance")).ToContainTextAsync("Mercier Thomas");
        await Axe.AssertAccessibleAsync(advisor, "training session (advisor)");
    }

    private const string Password = "Journee-Abonnements-2026";

    /// <summary>A départemental administrator of its own with 2FA set up: the demo's is enrolled by DemoProfileTests.</summary>
    private async Task<(string Login, string Key)> NewAdminAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PreauDbContext>();
        var hasher = scope.ServiceProvider.GetRequiredService<IPasswordHasher<PreauUser>>();
        var tag = Convert.ToHexString(RandomNumberGenerator.GetBytes(3)).ToLowerInvariant();
        var login = $"admin.abonnements{tag}";
        var key = Base32Encoding.ToString(RandomNumberGenerator.GetBytes(20));
        var person = new Person { FirstName = "Admin", LastName = "Abonnements", CreatedAt = DateTime.UtcNow };
        var user = new PreauUser
        {
            Id = person.Id, UserName = login, NormalizedUserName = login.ToUpperInvariant(), SecurityStamp = Guid.NewGuid().ToString("N"),
            ConcurrencyStamp = Guid.NewGuid().ToString(), LockoutEnabled = true, TwoFactorEnabled = true, CharterVersionAccepted = 1_000_000,
        };
        user.PasswordHash = hasher.HashPassword(user, Password);
        db.Persons.Add(person);
        db.Users.Add(user);
        db.Memberships.Add(new Membership { PersonId = person.Id, Role = Role.TerritoryAdmin, ScopeType = ScopeType.Territory });
        db.UserTokens.Add(new IdentityUserToken<Guid> { UserId = person.Id, LoginProvider = "[AspNetUserStore]", Name = "AuthenticatorKey", Value = key });
        await db.SaveChangesAsync();
        return (login, key);
    }
}
