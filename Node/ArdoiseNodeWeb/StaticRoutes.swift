import ArdoiseHTTPServer

/// The page's style and script, served by the node itself: nothing is loaded from elsewhere.
enum StaticRoutes {
    static func add(to routes: RouterBuilder<PageAccess, PageVisitor>) {
        let css = Array(PageStyle.source.utf8)
        let js = Array(PageScript.source.utf8)
        routes.get("/static/page.css", access: .open) { _ in
            HTTPResponse(status: 200, headers: [("Content-Type", "text/css; charset=utf-8")], body: css)
        }
        routes.get("/static/page.js", access: .open) { _ in
            HTTPResponse(status: 200, headers: [("Content-Type", "text/javascript; charset=utf-8")], body: js)
        }
    }
}
