using Preau.Web.Platform.PersonalData;

namespace Preau.Web.Modules.Training;

internal static class TrainingModule
{
    public static void AddTraining(this WebApplicationBuilder builder)
    {
        builder.Services.AddPersonalData<TrainingPersonalData>();
        builder.Services.AddScoped<TrainingBook>();
        builder.Services.AddScoped<TrainingActions>();
        builder.Services.AddScoped<TrainingReminders>();
        if (builder.Configuration.GetValue("Preau:Training:Reminders", true))
        {
            builder.Services.AddHostedService<TrainingReminderService>();
        }
    }
}
