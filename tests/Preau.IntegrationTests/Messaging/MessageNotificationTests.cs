using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Preau.IntegrationTests.Infrastructure;
using Preau.IntegrationTests.Notifications;
using Preau.Web.Modules.Notifications;
using Preau.Web.Modules.Notifications.Contracts;

namespace Preau.IntegrationTests.Messaging;

/// <summary>A sent message tells every recipient: a feed item each, committed with the message, e-mails to adults only.</summary>
public sealed class MessageNotificationTests(TestApp app)
{
    private static KeyValuePair<string, string> F(string name, string value) => new(name, value);

    /// <summary>Dispatch passes of the messaging app (its clock) until the rows of these persons are processed.</summary>
    private async Task DispatchAsync(MessagingApp m, params Guid[] personIds)
    {
        var dispatcher = m.Services.GetRequiredService<NotificationDispatcher>();
        for (var i = 0; i < 100; i++)
        {
            await dispatcher.DispatchOnceAsync(onlyFor: personIds);
            if (await app.WithDbAsync(db => db.NotificationOutbox.CountAsync(o => personIds.Contains(o.PersonId) && o.ProcessedAt == null)) == 0)
            {
                return;
            }
            await Task.Delay(100);
        }
        Assert.Fail("The outbox rows of these persons were not processed.");
    }

    [DbFact]
    public async Task Message_to_a_parent_and_a_pupil_gives_both_a_feed_item_and_only_the_parent_one_mail_without_the_body()
    {
        var s = await app.NewSchoolAsync();
        var pupilAddress = $"eleve-{s.Tag}@example.org";
        await app.WithDbAsync(async db =>
        {
            var pupil = await db.Users.SingleAsync(u => u.Id == s.PupilA.Id);
            pupil.Email = pupilAddress;
            pupil.NormalizedEmail = pupilAddress.ToUpperInvariant();
            await db.SaveChangesAsync();
        });
        await using var m = new MessagingApp(app);
        using (var parentPrefs = await m.SignInAsync(s.GuardianA))
        {
            Assert.Equal(HttpStatusCode.Redirect, (await parentPrefs.SubmitAsync("/compte/notifications", ("Mode", "EachNotification"))).StatusCode);
        }
        using var teacher = await m.SignInAsync(s.TeacherA);
        var subject = "Piscine " + s.Tag;
        var sent = await teacher.SubmitAsync("/messagerie/nouveau",
            [F("Input.Subject", subject), F("Input.Body", "Corps confidentiel du message"), F("Input.To", "p:" + s.GuardianA.Id), F("Input.To", "p:" + s.PupilA.Id)], "form#compose");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var id = await app.WithDbAsync(db => db.Messages.Where(x => x.Subject == subject).Select(x => x.Id).SingleAsync());
        var teacherName = await app.WithDbAsync(db => db.Persons.Where(p => p.Id == s.TeacherA.Id).Select(p => p.FirstName + " " + p.LastName).SingleAsync());

        // Committed with the message: one item each, before any dispatch.
        var items = await app.WithDbAsync(db => db.NotificationItems.Where(i => i.Url == $"/messagerie/{id}").ToListAsync());
        Assert.Equal(new[] { s.GuardianA.Id, s.PupilA.Id }.Order(), items.Select(i => i.PersonId).Order());
        Assert.All(items, i =>
        {
            Assert.Equal(NotificationKind.Message, i.Kind);
            Assert.Equal($"Nouveau message de {teacherName}", i.Title);
            Assert.False(i.FromPupilContent);
        });

        await DispatchAsync(m, s.GuardianA.Id, s.PupilA.Id);
        var mails = await app.WaitMailsAsync(s.GuardianA.Email!, x => (x.TextBody ?? "").Contains($"/messagerie/{id}"));
        var mail = Assert.Single(mails);
        Assert.Equal($"Préau : Nouveau message de {teacherName}", mail.Subject);
        Assert.DoesNotContain("Corps confidentiel", mail.TextBody);
        Assert.DoesNotContain(subject, mail.TextBody);
        Assert.Empty(app.MailsTo(pupilAddress));

        // The pupil sees it in the feed and the counter; opening it leads to the message.
        using var pupilSession = await m.SignInAsync(s.PupilA);
        var (_, feed) = await pupilSession.GetPageAsync("/notifications");
        Assert.Contains($"Nouveau message de {teacherName}", UserSession.Text(feed));
        Assert.Equal("1 notification non lue", feed.QuerySelector("#notif-count")?.TextContent.Trim());
    }

    [DbFact]
    public async Task Pupils_message_notifies_the_teacher_without_its_words_even_in_the_mail()
    {
        var s = await app.NewSchoolAsync();
        var teacherAddress = $"maitresse-{s.Tag}@example.org";
        await app.WithDbAsync(async db =>
        {
            var teacherUser = await db.Users.SingleAsync(u => u.Id == s.TeacherA.Id);
            teacherUser.Email = teacherAddress;
            teacherUser.NormalizedEmail = teacherAddress.ToUpperInvariant();
            await db.SaveChangesAsync();
        });
        await using var m = new MessagingApp(app);
        using var pupil = await m.SignInAsync(s.PupilA);
        var subject = "Secret " + s.Tag;
        var sent = await pupil.SubmitAsync("/messagerie/nouveau",
            [F("Input.Subject", subject), F("Input.Body", "Mots de l'élève"), F("Input.To", "p:" + s.TeacherA.Id)], "form#compose");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var id = await app.WithDbAsync(db => db.Messages.Where(x => x.Subject == subject).Select(x => x.Id).SingleAsync());
        var item = await app.WithDbAsync(db => db.NotificationItems.SingleAsync(i => i.Url == $"/messagerie/{id}"));
        Assert.Equal(s.TeacherA.Id, item.PersonId);
        Assert.True(item.FromPupilContent);
        Assert.DoesNotContain(subject, item.Title);

        await DispatchAsync(m, s.TeacherA.Id);
        var mail = Assert.Single(await app.WaitMailsAsync(teacherAddress, x => (x.TextBody ?? "").Contains($"/messagerie/{id}")));
        Assert.Equal("Préau : du nouveau pour vous", mail.Subject);
        Assert.DoesNotContain("Mots de l'élève", mail.TextBody);
        Assert.DoesNotContain(subject, mail.TextBody);
    }
}
