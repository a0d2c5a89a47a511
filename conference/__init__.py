"""The conference app: registration, workshops, exhibition, awards, badges and check-in."""

from pathlib import Path

from flask import Flask, render_template
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.middleware.proxy_fix import ProxyFix

from conference import config, features, i18n
from conference.extensions import babel, bootstrap, csrf, db, limiter, login_manager, migrate

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config: dict | None = None) -> Flask:
    """Build the app; test_config overrides settings read from the environment."""
    app = Flask(
        __name__,
        instance_path=str(PROJECT_ROOT / "instance"),
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
    )
    app.json.ensure_ascii = False
    app.config.from_mapping(config.from_environment(Path(app.instance_path), test_config))
    if app.config["PROXY_FIX"]:
        hops = app.config["PROXY_FIX"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)

    _init_extensions(app)
    _register_blueprints(app)
    _register_error_pages(app)
    _register_templating(app)

    from conference.cli import register_commands

    register_commands(app)
    return app


def _init_extensions(app: Flask) -> None:
    db.init_app(app)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"))
    csrf.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale)
    bootstrap.init_app(app)
    limiter.init_app(app)

    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Vui lòng đăng nhập để tiếp tục.")
    login_manager.login_message_category = "warning"

    from conference.auth.models import User

    @login_manager.user_loader
    def load_user(user_id: str) -> User | None:
        return db.session.get(User, int(user_id))


def _register_blueprints(app: Flask) -> None:
    from conference.audit import views as audit_views
    from conference.auth import views as auth_views
    from conference.badges import views as badges_views
    from conference.calendar import views as calendar_views
    from conference.checkin import views as checkin_views
    from conference.events import views as events_views
    from conference.exhibition import views as exhibition_views
    from conference.mail import views as mail_views
    from conference.mail.services import deliver_after_request
    from conference.nominations import views as nominations_views
    from conference.registration import views as registration_views
    from conference.seating import views as seating_views
    from conference.workshops import views as workshops_views

    feature_views = (
        events_views,
        auth_views,
        registration_views,
        workshops_views,
        seating_views,
        nominations_views,
        badges_views,
        checkin_views,
        calendar_views,
        exhibition_views,
        audit_views,
        mail_views,
    )
    for module in feature_views:
        for blueprint in getattr(module, "BLUEPRINTS", (module.bp,)):
            app.register_blueprint(blueprint)
    features.collect(app, feature_views)

    @app.after_request
    def send_queued_mail(response):
        deliver_after_request()
        return response


def _register_error_pages(app: Flask) -> None:
    def page(status: int, title: str, message: str):
        return render_template(
            "errors/error.html", status=status, title=title, message=message
        ), status

    @app.errorhandler(CSRFError)
    def csrf_error(error):
        return page(
            400,
            _("Phiên làm việc đã hết hạn"),
            _(
                "Trang này đã mở quá lâu hoặc thiếu mã bảo vệ. Hãy tải lại trang rồi gửi lại; "
                "những gì bạn đã nhập có thể cần nhập lại."
            ),
        )

    @app.errorhandler(403)
    def forbidden(error):
        return page(
            403,
            _("Không có quyền truy cập"),
            _("Tài khoản của bạn không được mở trang này. Nếu cần, hãy liên hệ Ban tổ chức."),
        )

    @app.errorhandler(404)
    def not_found(error):
        return page(404, _("Không tìm thấy trang"), _("Địa chỉ này không tồn tại hoặc đã bị xóa."))

    @app.errorhandler(413)
    def too_large(error):
        return page(413, _("Tệp quá lớn"), _("Tệp gửi lên vượt quá dung lượng cho phép."))

    @app.errorhandler(429)
    def too_many(error):
        return page(
            429,
            _("Quá nhiều lần thử"),
            _("Bạn đã thử quá nhiều lần trong thời gian ngắn. Hãy đợi một phút rồi thử lại."),
        )

    @app.errorhandler(500)
    def server_error(error):
        db.session.rollback()
        return page(
            500,
            _("Có lỗi xảy ra"),
            _(
                "Hệ thống gặp lỗi và chưa lưu thao tác vừa rồi. Hãy thử lại; nếu vẫn lỗi, "
                "hãy báo Ban tổ chức."
            ),
        )


def _register_templating(app: Flask) -> None:
    app.jinja_env.filters.update(i18n.FILTERS)
    app.jinja_env.globals["LANGUAGES"] = i18n.LANGUAGES
    app.jinja_env.globals["get_locale"] = get_locale

    @app.context_processor
    def shared_context():
        return {
            "nav_menu": features.menu(app.extensions["nav"]),
            "audit_actions": app.extensions["audit_actions"],
        }
