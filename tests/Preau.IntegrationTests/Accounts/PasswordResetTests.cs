using System.Net;
using System.Text.RegularExpressions;
using Preau.IntegrationTests.Infrastructure;
using Preau.IntegrationTests.Notifications;

namespace Preau.IntegrationTests.Accounts;

public sealed partial class PasswordResetTests(TestApp app)
{
    [DbFact]
    public async Task ForgotPassword_SendsALinkOverSmtp_ThatSetsANewPassword()
    {
        var adult = await app.NewAdultAsync();
        using var session = app.NewSession();

        var response = await session.SubmitAsync("/compte/mot-de-passe-oublie", ("LoginOrEmail", adult.Email!));
        Assert.Contains("Si un compte correspond", await UserSession.TextAsync(response));

        // The page answers before the mail leaves (it is sent after the request).
        var mail = (await app.WaitMailsAsync(adult.Email!, m => (m.Subject ?? "").Contains("nouveau mot de passe"))).LastOrDefault();
        Assert.NotNull(mail);
        var link = Link().Match(mail.TextBody ?? "").Value;
        var path = new Uri(link).PathAndQuery;
        var reset = await session.SubmitAsync(path, ("Password", "Tout-Nouveau-2026"), ("Confirm", "Tout-Nouveau-2026"));
        Assert.Equal("/connexion", reset.Headers.Location?.OriginalString);
        Assert.Contains("Votre mot de passe a été changé", UserSession.Text((await session.GetPageAsync("/connexion")).Document));

        var login = await app.NewSession().LoginAsync(adult.Login, "Tout-Nouveau-2026");
        Assert.Equal("/", login.Headers.Location?.OriginalString);
        var reused = await session.SubmitAsync(path, ("Password", "Encore-Autre-2026"), ("Confirm", "Encore-Autre-2026"));
        Assert.Contains("plus valable", await UserSession.TextAsync(reused));
    }

    [DbFact]
    public async Task ForgotPassword_ForUnknownPerson_SaysTheSameAndSendsNothing()
    {
        using var session = app.NewSession();
        var before = app.Mails.Count;
        var address = $"inconnu-{SchoolBuilder.NewTag()}@example.org";

        var response = await session.SubmitAsync("/compte/mot-de-passe-oublie", ("LoginOrEmail", address));
        // Mails leave in the order asked: once a later request's mail has arrived, the first one's would have too.
        var adult = await app.NewAdultAsync();
        await session.SubmitAsync("/compte/mot-de-passe-oublie", ("LoginOrEmail", adult.Email!));
        Assert.NotEmpty(await app.WaitMailsAsync(adult.Email!, _ => true));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Si un compte correspond", await UserSession.TextAsync(response));
        Assert.Null(app.MailTo(address));
        Assert.True(app.Mails.Count > before);
    }

    [DbFact]
    public async Task ForgotPassword_WithAForgedHostHeader_LinksToThePublicAddress_NotTheForgedOne()
    {
        await using var configured = app.WithWebHostBuilder(b => b.UseSetting("Preau:PublicUrl", "https://ent.example.fr/"));
        var adult = await app.NewAdultAsync();
        using var session = new UserSession(configured.CreateClient());
        session.Client.DefaultRequestHeaders.Host = "ent.attaquant.example";

        await session.SubmitAsync("/compte/mot-de-passe-oublie", ("LoginOrEmail", adult.Email!));

        var link = Link().Match((await app.WaitMailsAsync(adult.Email!, _ => true)).LastOrDefault()?.TextBody ?? "").Value;
        // The token must only ever travel to the platform's own address.
        Assert.StartsWith("https://ent.example.fr/compte/reinitialiser?", link);
    }

    [GeneratedRegex(@"https?://\S+/compte/reinitialiser\S+")]
    private static partial Regex Link();
}
