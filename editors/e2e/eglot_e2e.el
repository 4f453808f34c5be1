;;; eglot_e2e.el --- headless Emacs + Eglot e2e check of wix-events-ls -*- lexical-binding: t -*-
;; WIX_EVENTS_LS_PATH=... FIXTURES=... EDITORS_DIR=... emacs --batch -Q -l eglot_e2e.el
;; Loads the shipped snippet (editors/emacs/wix-events-ls.el); exit 0 = every check passed.

;; -Q skips Debian's site-lisp setup: put the elpa-eglot dirs (eglot, project, xref, seq) on load-path.
(dolist (d (file-expand-wildcards "/usr/share/emacs/site-lisp/elpa/*"))
  (add-to-list 'load-path d))
(require 'cl-lib)
(require 'flymake)
(load (expand-file-name "emacs/wix-events-ls.el" (getenv "EDITORS_DIR")) nil t)

(defvar e2e-fixtures (getenv "FIXTURES"))
(defvar e2e-t0 (float-time))
(defvar e2e-failures 0)
(defun e2e-log (fmt &rest args)
  (princ (format "[%5d ms] %s\n" (round (* 1000 (- (float-time) e2e-t0))) (apply #'format fmt args))))
(defun e2e-check (ok what &optional detail)
  (e2e-log "%s %s%s" (if ok "ok  " "FAIL") what (if detail (format ": %s" detail) ""))
  (unless ok (cl-incf e2e-failures))
  ok)
(defun e2e-wait (pred timeout)
  (let ((deadline (+ (float-time) timeout)))
    (while (and (not (funcall pred)) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    (funcall pred)))
(defun e2e-finish ()
  (ignore-errors (eglot-shutdown-all))
  (e2e-log (if (zerop e2e-failures) "PASS" (format "FAIL: %d check(s) failed" e2e-failures)))
  (kill-emacs (if (zerop e2e-failures) 0 1)))
(run-at-time 90 nil (lambda () (e2e-log "FAIL: global timeout (90 s)") (kill-emacs 1)))

;; Emacs 28 has no TypeScript mode; the snippet covers typescript-mode/typescript-ts-mode
;; for real setups, here .ts files are opened in js-mode (same server, same hook).
(add-to-list 'auto-mode-alist '("\\.ts\\'" . js-mode))
(add-hook 'js-mode-hook #'wix-events-ls-maybe-start)
(setq eglot-sync-connect 10 eglot-autoshutdown t)

(defun e2e-diag (code)
  (flymake-start)
  (cl-find-if (lambda (d)
                (equal code (plist-get (alist-get 'eglot-lsp-diag (flymake-diagnostic-data d)) :code)))
              (flymake-diagnostics)))
(defun e2e-open (rel expected-root)
  (find-file (expand-file-name rel e2e-fixtures))
  (run-hooks 'post-command-hook)        ; eglot-ensure connects on the next command
  (unless (e2e-check (e2e-wait (lambda () (eglot-current-server)) 15) (format "server started for %s" rel))
    (e2e-finish))
  (let ((root (directory-file-name (expand-file-name (project-root (eglot--project (eglot-current-server)))))))
    (e2e-check (string= root (directory-file-name (expand-file-name expected-root e2e-fixtures)))
               "project root" root)))
(defun e2e-goto (needle &optional offset)
  (goto-char (point-min))
  (search-forward needle)
  (goto-char (+ (match-beginning 0) (or offset (length needle)))))

(condition-case err
    (progn
      ;; Velo site ---------------------------------------------------------
      (e2e-open "velo-site/src/backend/events.js" "velo-site")
      (let ((d nil))
        (e2e-wait (lambda () (setq d (e2e-diag "unknown-handler"))) 15)
        (when (e2e-check d "diagnostic unknown-handler"
                         (and d (format "%s %S" (flymake-diagnostic-type d) (flymake-diagnostic-text d))))
          (e2e-check (string-match-p "wixBilling_onInvoicePaid" (flymake-diagnostic-text d))
                     "diagnostic suggests wixBilling_onInvoicePaid")
          (e2e-check (= (line-number-at-pos (flymake-diagnostic-beg d))
                        (progn (e2e-goto "wixBiling_onInvoicePaid") (line-number-at-pos)))
                     "diagnostic on the misspelled handler line")))
      ;; completion through the real completion-at-point function
      (goto-char (point-min))
      (re-search-forward "^export function wixBil[ \t]*$")
      (goto-char (+ (match-beginning 0) (length "export function wixBil")))
      (let* ((capf (eglot-completion-at-point))
             (cands (and capf (all-completions "" (nth 2 capf))))
             (item (cl-find "wixBilling_onInvoicePaid" cands :test #'string=)))
        (when (e2e-check item "completion wixBilling_onInvoicePaid" (format "%d candidates" (length cands)))
          (let* ((lsp-item (get-text-property 0 'eglot--lsp-item item))
                 (detail (format "%s %s" (plist-get lsp-item :detail) (plist-get lsp-item :documentation))))
            (e2e-check (string-match-p "wix-billing-backend" detail)
                       "completion detail mentions wix-billing-backend" (plist-get lsp-item :detail)))))
      ;; hover
      (e2e-goto "wixMediaManager_onFileUploaded" 5)
      (let* ((hover (jsonrpc-request (eglot-current-server) :textDocument/hover
                                     (eglot--TextDocumentPositionParams)))
             (contents (plist-get hover :contents))
             (val (if (stringp contents) contents (or (plist-get contents :value) (format "%S" contents)))))
        (e2e-check (and val (string-match-p "onFileUploaded" val) (string-match-p "wix-media-backend" val))
                   "hover mentions onFileUploaded and wix-media-backend"
                   (replace-regexp-in-string "[ \n\t]+" " " (substring val 0 (min 160 (length val))))))

      ;; Wix CLI app: placeholder id and its quick fix through Eglot's code-action path
      (e2e-open "cli-app/src/extensions/backend/events/contact-created/contact-created.extension.ts" "cli-app")
      (let ((d nil))
        (e2e-wait (lambda () (setq d (e2e-diag "invalid-extension-id"))) 15)
        (when (e2e-check d "diagnostic invalid-extension-id" (and d (flymake-diagnostic-text d)))
          (let* ((actions (jsonrpc-request
                           (eglot-current-server) :textDocument/codeAction
                           (list :textDocument (eglot--TextDocumentIdentifier)
                                 :range (list :start (eglot--pos-to-lsp-position (flymake-diagnostic-beg d))
                                              :end (eglot--pos-to-lsp-position (flymake-diagnostic-end d)))
                                 :context (list :diagnostics (vector (alist-get 'eglot-lsp-diag (flymake-diagnostic-data d)))
                                                :only ["quickfix"]))))
                 (fix (cl-find-if (lambda (a) (string-prefix-p "Generate a fresh UUID" (plist-get a :title)))
                                  actions)))
            (when (e2e-check fix "quick fix \"Generate a fresh UUID…\""
                             (mapconcat (lambda (a) (plist-get a :title)) actions "; "))
              (eglot--apply-workspace-edit (plist-get fix :edit))
              (goto-char (point-min))
              (let ((uuid (and (re-search-forward "id:[ \t]*'\\([^']*\\)'" nil t) (match-string 1))))
                (e2e-check (and uuid (string-match-p
                                      "\\`[0-9a-f]\\{8\\}-[0-9a-f]\\{4\\}-4[0-9a-f]\\{3\\}-[89ab][0-9a-f]\\{3\\}-[0-9a-f]\\{12\\}\\'"
                                      (downcase uuid)))
                           "quick fix applied: id is a v4 UUID" uuid))))))
      (e2e-finish))
  (error (e2e-check nil "script error" (format "%S" err)) (e2e-finish)))
