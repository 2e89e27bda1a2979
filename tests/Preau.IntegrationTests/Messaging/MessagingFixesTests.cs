using System.Net;
using Microsoft.EntityFrameworkCore;
using Preau.IntegrationTests.Infrastructure;

namespace Preau.IntegrationTests.Messaging;

/// <summary>Fixes from the messagerie's review: the « écrire à » link and repeated reports.</summary>
public sealed class MessagingFixesTests(TestApp app)
{
    private static KeyValuePair<string, string> F(string name, string value) => new(name, value);

    [DbFact]
    public async Task Write_to_link_prefills_only_someone_the_sender_may_reach()
    {
        var s = await app.NewSchoolAsync();
        var other = await app.NewSchoolAsync();
        await using var m = new MessagingApp(app);
        using var pupil = await m.SignInAsync(s.PupilA);

        var (_, allowed) = await pupil.GetPageAsync($"/messagerie/nouveau?a={s.TeacherA.Id}");
        Assert.NotNull(allowed.QuerySelector($"input[name='Input.To'][value='p:{s.TeacherA.Id}'][checked]"));

        foreach (var refused in new[] { s.PupilB.Id, other.GuardianA.Id })
        {
            var (status, page) = await pupil.GetPageAsync($"/messagerie/nouveau?a={refused}");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Empty(page.QuerySelectorAll("input[name='Input.To'][checked]"));
            Assert.Empty(page.QuerySelectorAll($"input[value='p:{refused}']"));
        }
    }

    [DbFact]
    public async Task Reporting_the_same_message_twice_says_it_is_already_reported_and_files_one_report()
    {
        var s = await app.NewSchoolAsync();
        await using var m = new MessagingApp(app);
        using var teacher = await m.SignInAsync(s.TeacherA);
        var subject = "Signalé " + s.Tag;
        await teacher.SubmitAsync("/messagerie/nouveau", [F("Input.Subject", subject), F("Input.Body", "Texte"), F("Input.To", "p:" + s.GuardianA.Id)], "form#compose");
        var id = await app.WithDbAsync(db => db.Messages.Where(x => x.Subject == subject).Select(x => x.Id).SingleAsync());
        using var parent = await m.SignInAsync(s.GuardianA);

        var first = await parent.SubmitAsync($"/messagerie/{id}", [F("reason", "Déplacé")], "form#report-form");
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Contains("Le message a été signalé", UserSession.Text((await parent.GetPageAsync($"/messagerie/{id}")).Document));
        var second = await parent.SubmitAsync($"/messagerie/{id}", [F("reason", "Encore")], "form#report-form");
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Contains("Vous avez déjà signalé ce message.", UserSession.Text((await parent.GetPageAsync($"/messagerie/{id}")).Document));
        Assert.Equal(1, await app.WithDbAsync(db => db.MessageReports.CountAsync(r => r.MessageId == id && r.ReporterId == s.GuardianA.Id)));
    }
}
