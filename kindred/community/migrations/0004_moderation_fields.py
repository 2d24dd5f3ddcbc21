from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0003_topic_space_visible"),
    ]

    operations = [
        migrations.AddField(
            model_name="membership",
            name="posting_paused_until",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="report",
            name="category",
            field=models.CharField(blank=True, max_length=20),
        ),
        migrations.AlterField(
            model_name='membership',
            name='status',
            field=models.CharField(choices=[('pending', 'Asked to join'), ('invited', 'Invited'), ('active', 'Member'), ('declined', 'Not accepted'), ('left', 'Left'), ('removed', 'Removed'), ('banned', 'Banned')], default='pending', max_length=10),
        ),
        migrations.AlterField(
            model_name='notification',
            name='kind',
            field=models.CharField(choices=[('reply', 'New reply'), ('new_topic', 'New topic'), ('join_request', 'Someone asked to join'), ('join_decision', 'Your request to join'), ('message', 'New private message'), ('moderation', 'From the moderators'), ('urgent', 'Urgent: someone may need help'), ('buddy', 'Your buddy programme')], max_length=15),
        ),
    
    ]
