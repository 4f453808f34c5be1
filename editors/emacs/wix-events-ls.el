;;; wix-events-ls.el --- Eglot setup for wix-events-ls  -*- lexical-binding: t -*-

;; Wix backend events language server (Velo events.js, Wix CLI event extensions) with Eglot.
;; Emacs 29+ has Eglot built in; on Emacs 28 install it (M-x package-install RET eglot, or
;; Debian's elpa-eglot).  Load this file from your init:
;;   (load "/path/to/editors/emacs/wix-events-ls.el")
;;   (add-hook 'js-mode-hook #'wix-events-ls-maybe-start)        ; and js-ts-mode-hook,
;;   (add-hook 'typescript-ts-mode-hook #'wix-events-ls-maybe-start) ; typescript-mode-hook …
;; Settings go in `wix-events-ls-settings' (same keys as the server's `wixEvents' section).

;;; Code:

(require 'eglot)
(require 'project)

(defgroup wix-events-ls nil
  "Wix backend events language server."
  :group 'eglot)

(defcustom wix-events-ls-program (or (getenv "WIX_EVENTS_LS_PATH") "wix-events-ls")
  "The wix-events-ls binary (a name on `exec-path' or an absolute path)."
  :type 'string)

(defvar wix-events-ls-settings
  (list :severity (make-hash-table)   ; e.g. (list :unknown-handler "error")
        :catalog (make-hash-table)    ; extra entries: (list :handlers [...] :sdkEvents [...])
        :ignore [])                   ; globs, e.g. ["**/generated/**"]
  "The server's `wixEvents' configuration, sent at startup and on workspace/configuration.")

(defconst wix-events-ls-file-regexp
  (concat "\\(?:\\.extension\\.ts\\|/src/extensions\\.ts"
          "\\|/backend/events/.*\\.ts\\|/backend/.*\\.jsw?\\)\\'")
  "Files the server handles.")

(defun wix-events-ls-handles-p (&optional file)
  "Non-nil when FILE (default: the current buffer's) is a file wix-events-ls handles."
  (let ((f (or file buffer-file-name)))
    (and f (string-match-p wix-events-ls-file-regexp f))))

(defun wix-events-ls-project (dir)
  "Eglot's project for handled files under DIR: the Wix CLI app holding
src/extensions.ts, else the nearest package.json (else project.el goes on to .git)."
  (when (and (bound-and-true-p eglot-lsp-context) (wix-events-ls-handles-p))
    (let ((root (or (locate-dominating-file dir "src/extensions.ts")
                    (locate-dominating-file dir "package.json"))))
      (and root (cons 'transient (expand-file-name root))))))

(add-hook 'project-find-functions #'wix-events-ls-project)

(defun wix-events-ls--contact (&rest _)
  (list wix-events-ls-program "serve" :initializationOptions wix-events-ls-settings))

(add-to-list 'eglot-server-programs
             `(((js-mode :language-id "javascript")
                (js-ts-mode :language-id "javascript")
                (typescript-mode :language-id "typescript")
                (typescript-ts-mode :language-id "typescript"))
               . wix-events-ls--contact))

(unless (functionp (default-value 'eglot-workspace-configuration))
  (setq-default eglot-workspace-configuration
                (plist-put (default-value 'eglot-workspace-configuration)
                           :wixEvents wix-events-ls-settings)))

(defun wix-events-ls-maybe-start ()
  "Start (or join) wix-events-ls for this buffer if it is a file the server handles."
  (when (wix-events-ls-handles-p) (eglot-ensure)))

(provide 'wix-events-ls)
;;; wix-events-ls.el ends here
