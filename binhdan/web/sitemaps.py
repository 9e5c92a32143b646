"""``/sitemap.xml``: public pages only (home, scam check, published topics and lessons)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from binhdan.curriculum.selectors import sitemap_lessons, sitemap_topics


class StaticSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return ["web:home", "scamcheck:check", "curriculum:topic_list"]

    def location(self, item):
        return reverse(item)


class TopicSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.7

    def items(self):
        return sitemap_topics()

    def location(self, topic):
        return reverse("curriculum:topic", args=[topic.slug])

    def lastmod(self, topic):
        return topic.updated_at


class LessonSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return sitemap_lessons()

    def location(self, lesson):
        return reverse("curriculum:lesson", args=[lesson.topic.slug, lesson.slug])

    def lastmod(self, lesson):
        return lesson.updated_at


SITEMAPS = {"static": StaticSitemap, "topics": TopicSitemap, "lessons": LessonSitemap}
