// app.js - the sign-in form: POST /api/v1/session with JSON; the answer's CSRF token is
// kept for the requests that change something (header X-CSRF-Token).
const form = document.getElementById('login');
const msg = document.getElementById('msg');
export let csrf = null;

form.addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const data = new FormData(form);
  msg.textContent = '正在登录…';
  try {
    const res = await fetch('/api/v1/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify({ name: data.get('name'), password: data.get('password') }),
    });
    const body = await res.json();
    if (!res.ok) {
      msg.textContent = body.error ? body.error.message : '登录失败';
      return;
    }
    csrf = body.csrf;
    msg.textContent = '欢迎，' + (body.user.display || body.user.name);
  } catch (e) {
    msg.textContent = '无法连接服务器';
  }
});
